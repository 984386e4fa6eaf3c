package verify_test

import (
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/segments-webhooks/webhooks/verify"
)

func Example() {
	secret := "whsec_c2VnbWVudHMtd2ViaG9vay10ZXN0LXNlY3JldC0wMQ=="
	body := []byte(`{"event_type":"dataset.created"}`)
	sent := time.Now()

	sig, err := verify.Sign(secret, "msg_1", sent, body)
	if err != nil {
		fmt.Println(err)
		return
	}
	header := http.Header{}
	header.Set("svix-id", "msg_1")
	header.Set("svix-timestamp", fmt.Sprint(sent.Unix()))
	header.Set("svix-signature", sig)

	v, err := verify.New(secret)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("authentic:", v.Verify(body, header) == nil)

	err = v.Verify([]byte(`{"event_type":"dataset.deleted"}`), header)
	fmt.Println("tampered:", errors.Is(err, verify.ErrNoMatchingSignature))
	// Output:
	// authentic: true
	// tampered: true
}
