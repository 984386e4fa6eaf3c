package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httputil"
	"regexp"
	"strings"
)

// A savedRequest is a delivery read back from a file, as a proxy or a
// debugging receiver dumped it.
type savedRequest struct {
	line   string // "POST /webhooks", or "" when the file had none
	header http.Header
	body   []byte
	notes  []string // what was odd about the file, for the report
}

var (
	requestLine = regexp.MustCompile(`^[A-Z]+ \S+ HTTP/\d(\.\d)?$`)
	bareLine    = regexp.MustCompile(`^[A-Z]+ /\S*$`)
)

// parseRawRequest reads an HTTP/1.x request: request line, headers, a
// blank line and the body. It tolerates a missing request line and the
// "> " prefixes of curl -v. The body is what follows the blank line,
// cut to the Content-Length when there is one, or de-chunked.
func parseRawRequest(data []byte) (*savedRequest, error) {
	lines, body, found := splitHead(data)
	if !found {
		return nil, errors.New("no blank line between the headers and the body")
	}
	r, req, err := readHead(lines)
	if err != nil {
		return nil, err
	}

	switch {
	case len(req.TransferEncoding) > 0 && req.TransferEncoding[0] == "chunked":
		b, err := io.ReadAll(httputil.NewChunkedReader(bytes.NewReader(body)))
		if err != nil {
			return nil, fmt.Errorf("reading the chunked body: %w", err)
		}
		r.body = b
	case req.Header.Get("Content-Length") != "" && req.ContentLength >= 0:
		r.body = cutToLength(r, body, req.ContentLength)
	default:
		r.body = body
	}
	return r, nil
}

// parseHeaderFile reads "Name: value" lines, with or without a request
// line or curl's "> " prefixes, and takes body as it is.
func parseHeaderFile(data, body []byte) (*savedRequest, error) {
	lines, _, _ := splitHead(data)
	r, _, err := readHead(lines)
	if err != nil {
		return nil, err
	}
	r.body = body
	return r, nil
}

// cutToLength returns the first n bytes of body and notes any
// difference between n and the bytes the file holds.
func cutToLength(r *savedRequest, body []byte, n int64) []byte {
	switch extra := int64(len(body)) - n; {
	case extra > 0:
		r.notes = append(r.notes, fmt.Sprintf("the file holds %d more byte(s) after the "+
			"body's Content-Length of %d; they were left out", extra, n))
		return body[:n]
	case extra < 0:
		r.notes = append(r.notes, fmt.Sprintf("the body is %d byte(s) shorter than its "+
			"Content-Length of %d: the file was cut or edited", -extra, n))
	}
	return body
}

// splitHead splits data at the first line that is blank once curl's
// "> " prefix is removed, skipping blank lines before the head. found
// is false when there is no such line.
func splitHead(data []byte) (head []string, body []byte, found bool) {
	rest := data
	for len(rest) > 0 {
		line, after, _ := bytes.Cut(rest, []byte("\n"))
		text := strings.TrimRight(string(line), "\r")
		rest = after
		if strings.TrimSpace(strings.TrimPrefix(text, ">")) != "" {
			head = append(head, text)
		} else if len(head) > 0 {
			return head, rest, true
		}
	}
	return head, nil, false
}

// readHead parses the request line and header lines of head with
// [http.ReadRequest], after dropping curl's "* " comments and "> "
// prefixes and adding a request line when there is none.
func readHead(head []string) (*savedRequest, *http.Request, error) {
	r := &savedRequest{}
	var fields []string
	for _, l := range head {
		switch {
		case strings.HasPrefix(l, "* "), strings.HasPrefix(l, "< "):
			continue
		case strings.HasPrefix(l, "> "):
			l = l[2:]
		}
		fields = append(fields, l)
	}
	if len(fields) == 0 {
		return nil, nil, errors.New("no headers found")
	}

	switch first := strings.TrimSpace(fields[0]); {
	case requestLine.MatchString(first):
		r.line = first[:strings.LastIndex(first, " ")]
		fields = fields[1:]
	case bareLine.MatchString(first):
		r.line = first
		fields = fields[1:]
	}

	line := r.line
	if line == "" {
		line = "POST /"
	}
	raw := line + " HTTP/1.1\r\n" + strings.Join(fields, "\r\n") + "\r\n\r\n"
	req, err := http.ReadRequest(bufio.NewReader(strings.NewReader(raw)))
	if err != nil {
		return nil, nil, fmt.Errorf("reading the request head: %w", err)
	}
	r.header = req.Header
	return r, req, nil
}
