package main

import (
	"bytes"
	"context"
	"flag"
	"strings"
	"sync"
	"testing"
	"time"
)

// testSecret signed the saved requests in testdata/requests: it is the
// secret of the known-answer vector in the specification.
const testSecret = "whsec_c2VnbWVudHMtd2ViaG9vay10ZXN0LXNlY3JldC0wMQ=="

// A result is what one command line did.
type result struct {
	code           int
	stdout, stderr string
}

// runCLI runs a command line in-process with an empty environment, so
// that a secret set on the machine cannot change the outcome.
func runCLI(t *testing.T, args ...string) result {
	t.Helper()
	return runStdin(t, "", args...)
}

// runStdin is runCLI with standard input.
func runStdin(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	e := &env{
		stdin:  strings.NewReader(stdin),
		stdout: &stdout,
		stderr: &stderr,
		getenv: func(string) string { return "" },
		now:    time.Now,
	}
	code := e.run(context.Background(), args)
	return result{code, stdout.String(), stderr.String()}
}

// syncBuffer is a bytes.Buffer that a server goroutine may write while
// the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestHelp(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		args     []string
		code     int
		inStdout []string
		inStderr []string
	}{
		{"ok, --help lists every command", []string{"--help"}, 0,
			[]string{"listen", "send", "sign", "example", "verify", "secret",
				"SEGMENTS_WEBHOOK_SECRET"}, nil},
		{"ok, help alone lists every command", []string{"help"}, 0, []string{"Commands:"}, nil},
		{"ok, help send shows flags and an example", []string{"help", "send"}, 0,
			[]string{"sign an example event", "Example:\n  segwebhook send", "--header-family",
				"sample.created"}, nil},
		{"ok, send --help shows the same", []string{"send", "--help"}, 0,
			[]string{"Example:\n  segwebhook send", "--timestamp seconds"}, nil},
		{"ok, verify -h shows the exit statuses", []string{"verify", "-h"}, 0,
			[]string{"Exit status: 0", "--headers FILE"}, nil},
		{"ok, help listen", []string{"help", "listen"}, 0,
			[]string{"--forward URL", "--addr address"}, nil},
		{"ok, help sign", []string{"help", "sign"}, 0,
			[]string{"name: value", "segwebhook example EVENT_TYPE"}, nil},
		{"ok, help example", []string{"help", "example"}, 0,
			[]string{"Usage:\n  segwebhook example EVENT_TYPE", "byte for byte", "label.updated"}, nil},
		{"ok, help send names the retry headers", []string{"help", "send"}, 0,
			[]string{"webhook-delivery, Retry-After"}, nil},
		{"ok, help secret", []string{"help", "secret"}, 0, []string{"whsec_"}, nil},
		{"nok, no command is a usage error", nil, 2, nil, []string{"Commands:"}},
		{"nok, an unknown command is a usage error", []string{"lisen"}, 2,
			nil, []string{`unknown command "lisen"`}},
		{"nok, help for an unknown command", []string{"help", "lisen"}, 2,
			nil, []string{"unknown command"}},
		{"nok, an unknown flag points to the help", []string{"send", "--colour"}, 2, nil,
			[]string{"not defined: -colour", "segwebhook help send"}},
		{"nok, secret takes no argument", []string{"secret", "now"}, 2,
			nil, []string{`unexpected argument "now"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := runCLI(t, tt.args...)
			if r.code != tt.code {
				t.Errorf("exit status %d, want %d\nstdout: %s\nstderr: %s",
					r.code, tt.code, r.stdout, r.stderr)
			}
			for _, want := range tt.inStdout {
				if !strings.Contains(r.stdout, want) {
					t.Errorf("stdout lacks %q:\n%s", want, r.stdout)
				}
			}
			for _, want := range tt.inStderr {
				if !strings.Contains(r.stderr, want) {
					t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
				}
			}
		})
	}
}

func TestInputErrorsAreFailures(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"nok, verify of a missing request file",
			[]string{"verify", "--secret", testSecret, saved("none.http")},
			"segwebhook verify: open testdata/requests/none.http: no such file or directory\n"},
		{"nok, verify of a file that is not a request",
			[]string{"verify", "--secret", testSecret, saved("match.body")},
			"segwebhook verify: testdata/requests/match.body is not a saved HTTP request: " +
				"no blank line between the headers and the body\n"},
		{"nok, verify with a missing headers file",
			[]string{"verify", "--secret", testSecret, "--headers", saved("none.headers"),
				"--body", saved("match.body")},
			"open testdata/requests/none.headers: no such file or directory"},
		{"nok, verify with a missing body file",
			[]string{"verify", "--secret", testSecret, "--headers", saved("match.headers"),
				"--body", saved("none.body")},
			"open testdata/requests/none.body: no such file or directory"},
		{"nok, send of a missing file",
			[]string{"send", "--secret", testSecret, "--file", saved("none.json")},
			"segwebhook send: open testdata/requests/none.json: no such file or directory\n"},
		{"nok, sign of a missing file",
			[]string{"sign", "--secret", testSecret, "--file", saved("none.json")},
			"segwebhook sign: open testdata/requests/none.json: no such file or directory\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := runCLI(t, tt.args...)
			if r.code != 1 || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("exit status %d, want 1 and %q in stderr:\n%s", r.code, tt.want, r.stderr)
			}
			if strings.Contains(r.stderr, "for usage") || r.stdout != "" {
				t.Errorf("a failure reported as a usage error\nstdout: %s\nstderr: %s",
					r.stdout, r.stderr)
			}
		})
	}
}

func TestRunWritesToTheGivenWriters(t *testing.T) {
	t.Parallel()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"help", "verify"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit status %d, stderr: %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "segwebhook verify") || stderr.Len() != 0 {
		t.Errorf("stdout: %q\nstderr: %q", stdout.String(), stderr.String())
	}
}

func TestParseInterleaved(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
		want []string
		id   string
	}{
		{"flags before the argument", []string{"--id", "a", "x"}, []string{"x"}, "a"},
		{"flags after the argument", []string{"x", "--id", "a"}, []string{"x"}, "a"},
		{"flags between arguments", []string{"x", "-id=a", "y"}, []string{"x", "y"}, "a"},
		{"a lone dash is an argument", []string{"-", "--id", "a"}, []string{"-"}, "a"},
		{"everything after -- is an argument",
			[]string{"--", "x", "--id", "a"}, []string{"x", "--id", "a"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fs := flag.NewFlagSet("test", flag.ContinueOnError)
			id := fs.String("id", "", "")
			got, err := parseInterleaved(fs, tt.args)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") || *id != tt.id {
				t.Errorf("got %q and id %q, want %q and id %q", got, *id, tt.want, tt.id)
			}
		})
	}
}

func TestWrap(t *testing.T) {
	t.Parallel()
	got := wrap("one two three four five", 9, "  ")
	want := "one two\n  three\n  four\n  five"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
