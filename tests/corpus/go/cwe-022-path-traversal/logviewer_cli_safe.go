// Command logtail prints the last lines of a service log; installed setuid-group "adm"
// so that support staff can read logs they otherwise could not.
package main

import (
	"bufio"
	"fmt"
	"os"
)

var logFiles = map[string]string{
	"api":     "/var/log/acme/api.log",
	"worker":  "/var/log/acme/worker.log",
	"billing": "/var/log/acme/billing.log",
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: logtail SERVICE")
		os.Exit(2)
	}
	path, ok := logFiles[os.Args[1]]
	if !ok {
		fmt.Fprintln(os.Stderr, "unknown service")
		os.Exit(2)
	}
	// expect-not: CWE-22
	f, err := os.Open(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		lines = append(lines, sc.Text())
		if len(lines) > 50 {
			lines = lines[1:]
		}
	}
	for _, l := range lines {
		fmt.Println(l)
	}
}
