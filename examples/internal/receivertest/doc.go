// Package receivertest holds the checks that the example receivers' tests
// share: signed requests against a receiver's routes and the log lines they
// leave, and a run of the command itself on a free port.
//
// A receiver's test captures the default logger once and hands its
// constructor and its main to the checks:
//
//	var logs receivertest.LogBuffer
//
//	func TestMain(m *testing.M) {
//		slog.SetDefault(slog.New(slog.NewTextHandler(&logs, nil)))
//		os.Exit(m.Run())
//	}
//
//	func TestReceiver(t *testing.T) {
//		t.Parallel()
//		receivertest.Run(t, newServer, &logs)
//	}
//
//	func TestMainServes(t *testing.T) { receivertest.RunMain(t, main) }
package receivertest
