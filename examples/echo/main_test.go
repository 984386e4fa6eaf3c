package main

import (
	"log/slog"
	"os"
	"testing"

	"github.com/segments-webhooks/webhooks/examples/internal/receivertest"
)

// logs collects what the receiver logs through the default logger.
var logs receivertest.LogBuffer

func TestMain(m *testing.M) {
	slog.SetDefault(slog.New(slog.NewTextHandler(&logs, nil)))
	os.Exit(m.Run())
}

func TestReceiver(t *testing.T) {
	t.Parallel()
	receivertest.Run(t, newServer, &logs)
}

// TestMainServes runs the command itself on a free port.
func TestMainServes(t *testing.T) {
	receivertest.RunMain(t, main)
}
