package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// FuzzVerifySavedRequest reads random saved requests and runs the whole
// verify report on them: no input may panic, and the report must never
// show the secret.
func FuzzVerifySavedRequest(f *testing.F) {
	files, _ := filepath.Glob("testdata/requests/*.http")
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"))
	f.Add([]byte("> svix-id: x\n>\n"))

	f.Fuzz(func(t *testing.T, data []byte) {
		if r, err := parseRawRequest(data); err == nil && r == nil {
			t.Fatal("parseRawRequest returned neither a request nor an error")
		}
		dir := t.TempDir()
		path := filepath.Join(dir, "request.http")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		var out, errOut strings.Builder
		e := &env{
			stdin:  strings.NewReader(""),
			stdout: &out,
			stderr: &errOut,
			getenv: func(string) string { return "" },
			now:    func() time.Time { return time.Unix(1796030162, 0) },
		}
		e.run(t.Context(), []string{"verify", "--secret", testSecret, path})
		key := strings.TrimPrefix(testSecret, "whsec_")
		if !strings.Contains(string(data), key) && strings.Contains(out.String()+errOut.String(), key) {
			t.Fatalf("the report shows the secret:\n%s", out.String())
		}
	})
}
