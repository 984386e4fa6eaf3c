package redisstore_test

import (
	"log"
	"net/http"
	"os"

	"github.com/redis/go-redis/v9"

	"github.com/segments-webhooks/webhooks/adapters/httpadapter"
	"github.com/segments-webhooks/webhooks/handler"
	"github.com/segments-webhooks/webhooks/handler/dedup"
	"github.com/segments-webhooks/webhooks/handler/dedup/redisstore"
)

// Every replica of the receiver runs this with the same Redis, so that a
// retry landing on another replica finds the message claimed or done.
func ExampleNew() {
	rdb := redis.NewClient(&redis.Options{Addr: os.Getenv("REDIS_ADDR")})

	store, err := redisstore.New(rdb, dedup.WithKeyPrefix("labels-webhook:"))
	if err != nil {
		log.Fatal(err)
	}
	h, err := handler.New(os.Getenv("SEGMENTS_WEBHOOK_SECRET"),
		handler.WithDeduplication(store))
	if err != nil {
		log.Fatal(err)
	}
	http.Handle("POST /webhooks", httpadapter.Handler(h))
	log.Fatal(http.ListenAndServe(":8080", nil))
}
