// Command logtail prints the last lines of a service log; installed setuid-group "adm"
// so that support staff can read logs they otherwise could not.
package main

import (
	"bufio"
	"fmt"
	"os"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: logtail SERVICE")
		os.Exit(2)
	}
	service := os.Args[1]
	// expect: CWE-22
	f, err := os.Open("/var/log/acme/" + service + ".log")
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
