package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"
)

// envSecret names the environment variable that holds the signing secret
// when --secret is not given.
const envSecret = "SEGMENTS_WEBHOOK_SECRET"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes one command line and returns the exit status: 0 on
// success, 1 when the command ran and failed, 2 for a usage error.
// SIGINT and SIGTERM cancel the command, which for listen means a
// graceful shutdown.
func run(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	e := &env{stdin: os.Stdin, stdout: stdout, stderr: stderr, getenv: os.Getenv, now: time.Now}
	return e.run(ctx, args)
}

// env is what a command may touch of the outside world, so that tests
// can run commands in-process and in parallel.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	now            func() time.Time
}

// A command is one subcommand of segwebhook.
type command struct {
	name    string
	summary string   // one line, lowercase, no period
	usage   []string // argument synopses, after "segwebhook <name>"
	example string   // one command line
	more    string   // optional closing paragraph of the help

	// setup defines the command's flags on fs and returns the function
	// that runs it with the positional arguments.
	setup func(e *env, fs *flag.FlagSet) func(ctx context.Context, args []string) error
}

// commands lists the subcommands in the order the help shows them.
var commands = []*command{
	listenCommand,
	sendCommand,
	signCommand,
	exampleCommand,
	verifyCommand,
	secretCommand,
}

// lookup returns the command called name, or nil.
func lookup(name string) *command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

// run is [run] with the world of e: it dispatches to a command or
// prints help, and returns the exit status.
func (e *env) run(ctx context.Context, args []string) int {
	if len(args) == 0 {
		e.printUsage(e.stderr)
		return 2
	}
	switch name := args[0]; name {
	case "help", "-h", "-help", "--help":
		if len(args) < 2 || name != "help" {
			e.printUsage(e.stdout)
			return 0
		}
		c := lookup(args[1])
		if c == nil {
			fmt.Fprintf(e.stderr, "segwebhook: no help for unknown command %q\n", args[1])
			return 2
		}
		fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
		c.setup(e, fs)
		printHelp(e.stdout, c, fs)
		return 0
	}

	c := lookup(args[0])
	if c == nil {
		fmt.Fprintf(e.stderr, "segwebhook: unknown command %q\n\n", args[0])
		e.printUsage(e.stderr)
		return 2
	}
	return e.runCommand(ctx, c, args[1:])
}

// runCommand parses the flags of c, runs it and turns its error into an
// exit status.
func (e *env) runCommand(ctx context.Context, c *command, args []string) int {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	runFn := c.setup(e, fs)

	positional, err := parseInterleaved(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		printHelp(e.stdout, c, fs)
		return 0
	}
	if err == nil {
		err = runFn(ctx, positional)
	}

	var usage *usageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &usage):
		fmt.Fprintf(e.stderr, "segwebhook %s: %v\nRun 'segwebhook help %s' for usage.\n",
			c.name, err, c.name)
		return 2
	case errors.Is(err, errReported):
		return 1
	}
	fmt.Fprintf(e.stderr, "segwebhook %s: %v\n", c.name, err)
	return 1
}

// A usageError is a command line that cannot run as given. It makes the
// command exit with status 2.
type usageError struct{ err error }

func (u *usageError) Error() string { return u.err.Error() }
func (u *usageError) Unwrap() error { return u.err }

// usagef returns a [usageError] formatted as by [fmt.Errorf].
func usagef(format string, args ...any) error {
	return &usageError{fmt.Errorf(format, args...)}
}

// errReported is returned by a command that has already explained its
// failure on its output; it exits with status 1.
var errReported = errors.New("failed")

// parseInterleaved parses args with fs and returns the positional
// arguments. Unlike [flag.FlagSet.Parse] it also reads flags that follow
// a positional argument, as in "send sample.created --secret …", until a
// "--".
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, &usageError{err}
		}
		rest := fs.Args()
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			return append(positional, rest...), nil
		}
		if len(rest) == 0 {
			return positional, nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

// printUsage writes the overview of all commands.
func (e *env) printUsage(w io.Writer) {
	fmt.Fprint(w, `segwebhook receives, sends and checks Segments.ai webhooks on a
developer machine.

Usage:
  segwebhook <command> [flags] [arguments]

Commands:
`)
	tw := tabwriter.NewWriter(w, 0, 0, 3, ' ', 0)
	for _, c := range commands {
		fmt.Fprintf(tw, "  %s\t%s\n", c.name, c.summary)
	}
	tw.Flush()
	fmt.Fprintf(w, `
The signing secret comes from --secret or from $%s.

Run 'segwebhook help <command>' for its flags and an example.
`, envSecret)
}

// printHelp writes the help of c: what it does, how to call it, an
// example and its flags.
func printHelp(w io.Writer, c *command, fs *flag.FlagSet) {
	fmt.Fprintf(w, "segwebhook %s: %s\n\nUsage:\n", c.name, c.summary)
	for _, u := range c.usage {
		fmt.Fprintf(w, "  %s\n", strings.TrimSpace("segwebhook "+c.name+" "+u))
	}
	fmt.Fprintf(w, "\nExample:\n  %s\n", c.example)

	var flags []*flag.Flag
	fs.VisitAll(func(f *flag.Flag) { flags = append(flags, f) })
	if len(flags) > 0 {
		fmt.Fprint(w, "\nFlags:\n")
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, f := range flags {
			name, usage := flag.UnquoteUsage(f)
			if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" {
				usage += fmt.Sprintf(" (default %s)", f.DefValue)
			}
			fmt.Fprintf(tw, "  --%s\t%s\n", strings.TrimSpace(f.Name+" "+name), usage)
		}
		tw.Flush()
	}
	if c.more != "" {
		fmt.Fprintf(w, "\n%s\n", strings.TrimSpace(c.more))
	}
}

// secretFlag defines --secret on fs and returns a function that reads
// it, or the environment when it is empty.
func secretFlag(e *env, fs *flag.FlagSet) func() string {
	s := fs.String("secret", "",
		"the endpoint's signing secret, `whsec_…` (default $"+envSecret+")")
	return func() string {
		if *s != "" {
			return *s
		}
		return e.getenv(envSecret)
	}
}

// nonEmpty defines a string flag on fs that refuses an empty value. It
// is for flags whose absence means a default, so that an empty shell
// variable, as in "--id $ID", does not pass for that default.
func nonEmpty(fs *flag.FlagSet, name, usage string) *string {
	p := new(string)
	fs.Func(name, usage, func(s string) error {
		if s == "" {
			return errors.New("must not be empty")
		}
		*p = s
		return nil
	})
	return p
}

// errNoSecret explains where a command looks for the secret.
var errNoSecret = usagef("no signing secret: pass --secret or set %s "+
	"(make one with 'segwebhook secret')", envSecret)

// wrap breaks text into lines of at most width columns; lines after the
// first start with indent.
func wrap(text string, width int, indent string) string {
	var b strings.Builder
	col := 0
	for i, word := range strings.Fields(text) {
		switch {
		case i == 0:
		case col+1+len(word) > width:
			b.WriteString("\n" + indent)
			col = len(indent)
		default:
			b.WriteByte(' ')
			col++
		}
		b.WriteString(word)
		col += len(word)
	}
	return b.String()
}
