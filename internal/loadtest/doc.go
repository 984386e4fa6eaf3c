// Package loadtest drives the net/http adapter on loopback with signed
// deliveries from many connections: valid ones, retries of them,
// tampered ones and stale ones, the mix a receiver sees in production.
// It checks that no valid delivery is lost, that each message's
// callbacks run once, that every tampered or stale delivery is rejected,
// and that goroutines and memory do not grow from round to round.
//
// A short run is part of the test suite. For the figures in README.md:
//
//	LOADTEST_DELIVERIES=20000 LOADTEST_ROUNDS=5 go test -run Load -v ./internal/loadtest
package loadtest
