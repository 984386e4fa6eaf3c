// Command benchratio reads the output of the module's benchmarks (go
// test -bench, any number of rounds, as scripts/bench writes it) and
// prints, as a Markdown table, the ratios that the performance targets
// are stated in. Each figure is the median over the rounds, so every
// ratio compares implementations measured in the same run.
//
//	go run ./internal/benchratio bench.txt
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/segments-webhooks/webhooks/internal/benchdata"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: benchratio FILE")
		os.Exit(2)
	}
	f, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchratio:", err)
		os.Exit(1)
	}
	defer f.Close()
	r, err := read(f)
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchratio:", err)
		os.Exit(1)
	}
	r.print(os.Stdout)
}

// results holds every measurement by benchmark name without the impl
// part (such as "BenchmarkParse/payload=vector-200"), impl, and unit.
type results map[string]map[string]map[string][]float64

func read(in io.Reader) (results, error) {
	r := results{}
	sc := bufio.NewScanner(in)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 4 || !strings.HasPrefix(fields[0], "Benchmark") {
			continue
		}
		name, impl, ok := strings.Cut(trimProcs(fields[0]), "/impl=")
		if !ok {
			continue
		}
		for i := 2; i+1 < len(fields); i += 2 {
			v, err := strconv.ParseFloat(fields[i], 64)
			if err != nil {
				return nil, fmt.Errorf("benchmark %s: value %q: %w", fields[0], fields[i], err)
			}
			r.add(name, impl, fields[i+1], v)
		}
	}
	return r, sc.Err()
}

// trimProcs removes the -GOMAXPROCS suffix of a benchmark name.
func trimProcs(name string) string {
	if i := strings.LastIndexByte(name, '-'); i > 0 {
		if _, err := strconv.Atoi(name[i+1:]); err == nil {
			return name[:i]
		}
	}
	return name
}

func (r results) add(name, impl, unit string, v float64) {
	if r[name] == nil {
		r[name] = map[string]map[string][]float64{}
	}
	if r[name][impl] == nil {
		r[name][impl] = map[string][]float64{}
	}
	r[name][impl][unit] = append(r[name][impl][unit], v)
}

// median returns the median of a measurement, and false when there is
// none.
func (r results) median(name, impl, unit string) (float64, bool) {
	vs := slices.Clone(r[name][impl][unit])
	if len(vs) == 0 {
		return 0, false
	}
	slices.Sort(vs)
	if n := len(vs); n%2 == 0 {
		return (vs[n/2-1] + vs[n/2]) / 2, true
	}
	return vs[len(vs)/2], true
}

// ratio returns the median of unit for impl a divided by that for b.
func (r results) ratio(name, a, b, unit string) (float64, bool) {
	x, ok1 := r.median(name, a, unit)
	y, ok2 := r.median(name, b, unit)
	if !ok1 || !ok2 || y == 0 {
		return 0, false
	}
	return x / y, true
}

// payloads lists the payloads a benchmark ran with, in a fixed order.
func (r results) payloads(bench string) []string {
	var names []string
	for name := range r {
		if p, ok := strings.CutPrefix(name, bench+"/payload="); ok {
			names = append(names, p)
		}
	}
	slices.SortFunc(names, func(a, b string) int {
		if c := strings.Compare(kind(a), kind(b)); c != 0 {
			return c
		}
		return size(a) - size(b)
	})
	return names
}

func kind(payload string) string {
	k, _, _ := strings.Cut(payload, "-")
	return k
}

// size orders payload names by the size in their suffix.
func size(payload string) int {
	switch {
	case strings.HasSuffix(payload, "KiB"):
		n, _ := strconv.Atoi(payload[strings.LastIndexByte(payload, '-')+1 : len(payload)-3])
		return n << 10
	case strings.HasSuffix(payload, "MiB"):
		n, _ := strconv.Atoi(payload[strings.LastIndexByte(payload, '-')+1 : len(payload)-3])
		return n << 20
	}
	return 0
}

type row struct {
	what, payload, value, target string
}

func (r results) print(w io.Writer) {
	var rows []row
	add := func(what, payload, target string, v float64, ok bool, format string) {
		if ok {
			rows = append(rows, row{what, payload, fmt.Sprintf(format, v), target})
		}
	}

	for _, p := range r.payloads("BenchmarkVerify") {
		name := "BenchmarkVerify/payload=" + p
		v, ok := r.ratio(name, "ours", "library", "ns/op")
		add("verify: time, ours ÷ library", p, "≤ 1.10", v, ok, "%.2f")
		v, ok = r.ratio(name, "hmac", "library", "ns/op")
		add("verify: time, copy-free HMAC ÷ library", p, "(the limit)", v, ok, "%.2f")
		ours, ok1 := r.median(name, "ours", "B/op")
		lib, ok2 := r.median(name, "library", "B/op")
		if ok1 && ok2 {
			bodyBytes := float64(len(benchdata.Find(p).Body))
			add("verify: bytes allocated per body byte, library", p, "", lib/bodyBytes, true, "%.2f")
			add("verify: bytes allocated per body byte, ours minus the library's", p,
				"< 1 (no copy)", (ours-lib)/bodyBytes, true, "%.3f")
		}
	}

	for _, p := range r.payloads("BenchmarkParse") {
		name := "BenchmarkParse/payload=" + p
		target := ""
		switch p {
		case "segmentation-1MiB":
			target = "≥ 4"
		case "vector-200":
			target = "≥ 3"
		}
		v, ok := r.ratio(name, "stdlib", "ours", "ns/op")
		add("parse: speed-up over encoding/json into plain structs", p, target, v, ok, "%.1f×")
		v, ok = r.ratio(name, "map", "ours", "ns/op")
		add("parse: speed-up over encoding/json into map[string]any", p, "", v, ok, "%.1f×")
		v, ok = r.median(name, "ours", "alloc-B/body-B")
		add("parse: bytes allocated per body byte, ours", p, "≤ 2", v, ok, "%.2f")
	}
	if v, ok := r.perByteGrowth("BenchmarkParse", "ours"); ok {
		add("parse: cost per byte, 1 MiB ÷ 1 KiB", "segmentation", "≤ 1.5", v, true, "%.2f")
	}

	for _, p := range r.payloads("BenchmarkParseInvalid") {
		v, ok := r.ratio("BenchmarkParseInvalid/payload="+p, "ours", "stdlib", "ns/op")
		add("parse, wrong type at the end: time, ours ÷ encoding/json failing", p, "", v, ok, "%.1f")
	}
	if v, ok := r.perByteGrowth("BenchmarkParseInvalid", "ours"); ok {
		add("parse, wrong type at the end: cost per byte, 1 MiB ÷ 1 KiB, ours", "segmentation", "", v, true, "%.2f")
	}
	if v, ok := r.perByteGrowth("BenchmarkParseInvalid", "stdlib"); ok {
		add("parse, wrong type at the end: cost per byte, 1 MiB ÷ 1 KiB, encoding/json failing", "segmentation",
			"(the baseline)", v, true, "%.2f")
	}

	for _, bench := range []string{"BenchmarkHandlerInProcess", "BenchmarkHandlerLoopback"} {
		label := "handler in-process"
		if bench == "BenchmarkHandlerLoopback" {
			label = "handler over loopback"
		}
		for _, p := range r.payloads(bench) {
			name := bench + "/payload=" + p
			target := ""
			switch p {
			case "segmentation-1KiB":
				target = "≥ 2"
			case "segmentation-64KiB":
				target = "≥ 4"
			}
			v, ok := r.ratio(name, "ours", "handwritten", "req/s")
			add(label+": req/s, ours ÷ hand-written receiver", p, target, v, ok, "%.1f×")
			v, ok = r.ratio(name, "drain", "handwritten", "req/s")
			add(label+": req/s, drain-only ÷ hand-written receiver", p, "(the limit)", v, ok, "%.1f×")
			v, ok = r.ratio(name, "verifyonly", "handwritten", "req/s")
			add(label+": req/s, library check only ÷ hand-written receiver", p, "(the limit with the library)", v, ok, "%.1f×")
		}
		if v, ok := r.perByteGrowth(bench, "ours"); ok {
			add(label+": cost per byte, 1 MiB ÷ 1 KiB", "segmentation", "≤ 1.5", v, true, "%.2f")
		}
	}

	fmt.Fprintln(w, "| measure | payload | ratio | target |")
	fmt.Fprintln(w, "| --- | --- | ---: | --- |")
	for _, x := range rows {
		fmt.Fprintf(w, "| %s | %s | %s | %s |\n", x.what, x.payload, x.value, x.target)
	}
}

// perByteGrowth returns how much more time per byte impl spends on the
// 1 MiB segmentation label than on the 1 KiB one.
func (r results) perByteGrowth(bench, impl string) (float64, bool) {
	small, ok1 := r.median(bench+"/payload=segmentation-1KiB", impl, "MB/s")
	large, ok2 := r.median(bench+"/payload=segmentation-1MiB", impl, "MB/s")
	if !ok1 || !ok2 || large == 0 {
		return 0, false
	}
	return small / large, true
}
