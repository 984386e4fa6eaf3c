// Package redisstore provides a [dedup.Store] that keeps its entries in
// Redis, so that all the replicas of a webhook receiver that share one
// Redis run the callbacks of each message once between them.
//
// A [Store] takes any [redis.UniversalClient] (a single node, Sentinel or
// Cluster) and the options of package dedup, such as
// [dedup.WithProcessingTimeout], [dedup.WithRetention] and
// [dedup.WithKeyPrefix]. Give every replica a store on the same Redis and
// the same key prefix, and pass it to the handler:
//
//	rdb := redis.NewClient(&redis.Options{Addr: "localhost:6379"})
//	store, err := redisstore.New(rdb)
//	if err != nil {
//		log.Fatal(err)
//	}
//	h, err := handler.New(secret, handler.WithDeduplication(store))
package redisstore
