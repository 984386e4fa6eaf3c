package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/segments-webhooks/webhooks/webhookstest"
)

// testNow is one minute after the saved requests were signed.
const testNow = "1796030162"

// saved returns the path of a saved request in testdata.
func saved(name string) string { return "testdata/requests/" + name }

func TestVerifySavedRequests(t *testing.T) {
	t.Parallel()
	noPrefix := strings.TrimPrefix(testSecret, "whsec_")
	tests := []struct {
		name   string
		args   []string // after the secret and --now
		secret string   // testSecret unless set
		code   int
		want   []string
	}{
		{"ok, a matching request verifies, one signature of two matching",
			[]string{saved("match.http")}, "", 0,
			[]string{"svix family", "signature 1 (v1) does not match",
				"signature 2 (v1) matches", "verdict     valid"}},
		{"ok, a secret without the whsec_ prefix is accepted",
			[]string{saved("match.http")}, noPrefix, 0,
			[]string{"without the whsec_ prefix: accepted", "verdict     valid"}},
		{"ok, headers and body from separate files, curl -v style",
			[]string{"--headers", saved("match.headers"), "--body", saved("match.body")}, "", 0,
			[]string{"POST /webhooks", "signature 1 (v1) matches", "verdict     valid"}},
		{"ok, flags may follow the file",
			[]string{saved("match.http"), "--tolerance", "2m"}, "", 0,
			[]string{"within the 2m0s tolerance"}},
		{"nok, a tampered body matches none of the changes",
			[]string{saved("tampered-body.http")}, "", 1,
			[]string{"signature 1 (v1) does not match", "no matching signature",
				"None of these changes explains the mismatch", "another endpoint",
				"another delivery"}},
		{"nok, a trailing newline is found",
			[]string{saved("trailing-newline.http")}, "", 1,
			[]string{"webhook family", "ending with a newline",
				"MATCH     the body without its trailing newline",
				"Likely cause: a newline was added"}},
		{"nok, re-encoded JSON is found in a request without a request line",
			[]string{saved("reencoded-json.http")}, "", 1,
			[]string{"(no request line)", "JSON not in compact form",
				"MATCH     the body as compact JSON", "re-encoded"}},
		{"nok, converted line ends are found",
			[]string{saved("crlf-body.http")}, "", 1,
			[]string{"MATCH     the body with LF line ends instead of CRLF"}},
		{"nok, a secret with white space around it is refused, and trimming it matches",
			[]string{saved("match.http")}, testSecret + "\n", 1,
			[]string{"unusable: secret has leading or trailing white space",
				"MATCH     the secret without the white space", "Trim it"}},
		{"nok, a timestamp in milliseconds",
			[]string{saved("timestamp-milliseconds.http")}, "", 1,
			[]string{"looks like milliseconds", "signature 1 (v1) matches", "timestamp too new",
				"the timestamp is in milliseconds"}},
		{"nok, a stale timestamp with a good signature",
			[]string{saved("stale-timestamp.http")}, "", 1,
			[]string{"2h1m0s at", "outside the 5m0s tolerance", "signature 1 (v1) matches",
				"timestamp too old", "only the age fails"}},
		{"ok, the same stale request checked at its own time",
			[]string{saved("stale-timestamp.http"), "--now", "2026-11-30T07:15:30Z"}, "", 0,
			[]string{"verdict     valid"}},
		{"nok, a missing signature header",
			[]string{saved("missing-header.http")}, "", 1,
			[]string{"found svix-id, svix-timestamp", `missing header "svix-signature"`,
				"dropped"}},
		{"nok, only a v1a signature",
			[]string{saved("only-v1a.http")}, "", 1,
			[]string{"(v1a) skipped", "no v1 entry"}},
		{"nok, the wrong secret",
			[]string{saved("match.http")}, "whsec_c2VjcmV0IG9mIGFub3RoZXIgZW5kcG9pbnQ=", 1,
			[]string{"signature 2 (v1) does not match", "None of these changes"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			secret := tt.secret
			if secret == "" {
				secret = testSecret
			}
			args := append([]string{"verify", "--secret", secret, "--now", testNow}, tt.args...)
			r := runCLI(t, args...)
			if r.code != tt.code {
				t.Errorf("exit status %d, want %d\nstdout:\n%s\nstderr:\n%s",
					r.code, tt.code, r.stdout, r.stderr)
			}
			for _, want := range tt.want {
				if !strings.Contains(r.stdout, want) {
					t.Errorf("output lacks %q:\n%s", want, r.stdout)
				}
			}
			assertNoSecrets(t, r, secret)
		})
	}
}

// assertNoSecrets fails when the output shows the secret's key or any
// signature value.
func assertNoSecrets(t *testing.T, r result, secret string) {
	t.Helper()
	out := r.stdout + r.stderr
	key := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(secret), "whsec_"))
	if strings.Contains(out, key[:12]) {
		t.Error("the output shows the secret")
	}
	if strings.Contains(out, "v1,") || strings.Contains(out, "opHv5rkz") {
		t.Error("the output shows a signature")
	}
}

func TestVerifyStandardInput(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile(saved("trailing-newline.http"))
	if err != nil {
		t.Fatal(err)
	}
	r := runStdin(t, string(raw), "verify", "--secret", testSecret, "--now", testNow, "-")
	if r.code != 1 || !strings.Contains(r.stdout, "MATCH     the body without its trailing") {
		t.Errorf("exit status %d, output:\n%s", r.code, r.stdout)
	}
}

func TestVerifyUsageErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string // after the secret
		want string
	}{
		{"nok, no request", nil, "no request"},
		{"nok, --body without --headers", []string{"--body", "x"}, "--body needs --headers"},
		{"nok, --headers without --body", []string{"--headers", saved("match.headers")},
			"--headers needs --body"},
		{"nok, two requests", []string{"a.http", "b.http"}, "one request at a time"},
		{"nok, a bad --now", []string{"--now", "yesterday", saved("match.http")},
			"neither Unix seconds nor RFC 3339"},
		{"nok, an empty --now", []string{"--now", "", saved("match.http")},
			`invalid value "" for flag -now: must not be empty`},
		{"nok, a bad --tolerance", []string{"--tolerance", "-1m", saved("match.http")},
			"must be positive"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := runCLI(t, append([]string{"verify", "--secret", testSecret}, tt.args...)...)
			if r.code != 2 || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("exit status %d, want 2 and %q in stderr:\n%s", r.code, tt.want, r.stderr)
			}
		})
	}

	t.Run("nok, no secret", func(t *testing.T) {
		t.Parallel()
		r := runCLI(t, "verify", saved("match.http"))
		if r.code != 2 || !strings.Contains(r.stderr, "no signing secret") {
			t.Errorf("exit status %d:\n%s", r.code, r.stderr)
		}
	})
}

func TestParseRawRequest(t *testing.T) {
	t.Parallel()
	const body = `{"a":1}`
	tests := []struct {
		name  string
		raw   string
		line  string
		body  string
		notes string
	}{
		{"ok, LF line ends and no Content-Length keep the rest as the body",
			"POST /hooks HTTP/1.1\nsvix-id: msg_1\n\n" + body + "\n",
			"POST /hooks", body + "\n", ""},
		{"ok, the Content-Length cuts an added newline and says so",
			"POST /hooks HTTP/1.1\r\nContent-Length: 7\r\n\r\n" + body + "\n",
			"POST /hooks", body, "1 more byte"},
		{"ok, a short body is noted",
			"POST /hooks HTTP/1.1\r\nContent-Length: 9\r\n\r\n" + body,
			"POST /hooks", body, "shorter"},
		{"ok, a chunked body is decoded",
			"POST /hooks HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n" +
				"3\r\n{\"a\r\n4\r\n\":1}\r\n0\r\n\r\n",
			"POST /hooks", body, ""},
		{"ok, a request line without a version",
			"POST /hooks\nsvix-id: msg_1\n\n{}", "POST /hooks", "{}", ""},
		{"ok, curl -v prefixes",
			"* Connected\n> POST /hooks HTTP/1.1\n> svix-id: msg_1\n> \n{}",
			"POST /hooks", "{}", ""},
		{"ok, no request line",
			"\nsvix-id: msg_1\n\n{}", "", "{}", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r, err := parseRawRequest([]byte(tt.raw))
			if err != nil {
				t.Fatal(err)
			}
			if r.line != tt.line || string(r.body) != tt.body {
				t.Errorf("line %q, body %q; want %q, %q", r.line, r.body, tt.line, tt.body)
			}
			notes := strings.Join(r.notes, "; ")
			if !strings.Contains(notes, tt.notes) || (tt.notes == "" && notes != "") {
				t.Errorf("notes %q, want %q", notes, tt.notes)
			}
		})
	}
}

func TestSpaceJSON(t *testing.T) {
	t.Parallel()
	got := string(spaceJSON([]byte(`{"a":[1,2],"b":"x, y: \"z\",:"}`)))
	want := `{"a": [1, 2], "b": "x, y: \"z\",:"}`
	if got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

func TestVerifyARequestSavedWithDumpRequest(t *testing.T) {
	t.Parallel()
	dumps := make(chan []byte, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		dump, err := httputil.DumpRequest(r, true)
		if err != nil {
			t.Error(err)
		}
		dumps <- dump
	}))
	defer srv.Close()

	sent := runCLI(t, "send", "--url", srv.URL+"/webhooks", "--secret", testSecret, "label.updated")
	if sent.code != 0 {
		t.Fatalf("send: exit status %d: %s", sent.code, sent.stderr)
	}
	file := filepath.Join(t.TempDir(), "request.http")
	if err := os.WriteFile(file, <-dumps, 0o600); err != nil {
		t.Fatal(err)
	}

	r := runCLI(t, "verify", "--secret", testSecret, file)
	if r.code != 0 || !strings.Contains(r.stdout, "POST /webhooks") {
		t.Errorf("exit status %d, output:\n%s", r.code, r.stdout)
	}
	if !strings.Contains(r.stdout, "compact JSON") || strings.Contains(r.stdout, "newline") {
		t.Errorf("the example body is not reported as compact JSON as Svix sends it:\n%s",
			r.stdout)
	}
}

func TestVerifyFindsOneAddedNewline(t *testing.T) {
	t.Parallel()
	body := []byte("{\n  \"event_type\": \"sample.created\"\n}\n")
	signedAt := time.Unix(1796030102, 0)
	header, err := webhookstest.Header(testSecret, "msg_newline", signedAt, body)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var headers strings.Builder
	for name, values := range header {
		fmt.Fprintf(&headers, "%s: %s\n", name, values[0])
	}
	headersFile, bodyFile := filepath.Join(dir, "headers"), filepath.Join(dir, "body")
	if err := os.WriteFile(headersFile, []byte(headers.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bodyFile, append(body, '\n'), 0o600); err != nil {
		t.Fatal(err)
	}

	r := runCLI(t, "verify", "--secret", testSecret, "--now", testNow,
		"--headers", headersFile, "--body", bodyFile)
	if r.code != 1 || !strings.Contains(r.stdout, "MATCH     the body without its trailing newline") {
		t.Errorf("exit status %d, output:\n%s", r.code, r.stdout)
	}
}
