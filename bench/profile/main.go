// Command profile runs margin's command line with a CPU profile written to
// $PROFILE (default margin.prof), to find where a whole command's time
// goes on a large reading:
//
//	PROFILE=/tmp/g.prof go run ./bench/profile --reading /tmp/gen/book glossary >/dev/null
//	go tool pprof -top /tmp/g.prof
package main

import (
	"os"
	"runtime/pprof"

	"github.com/margin-reader/margin/internal/cli"
)

func main() {
	name := os.Getenv("PROFILE")
	if name == "" {
		name = "margin.prof"
	}
	f, err := os.Create(name)
	if err != nil {
		panic(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		panic(err)
	}
	code := cli.Main(os.Args[1:])
	pprof.StopCPUProfile()
	f.Close()
	os.Exit(code)
}
