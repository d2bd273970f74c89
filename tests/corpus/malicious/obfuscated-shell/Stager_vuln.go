package stager

import (
	"encoding/base64"
	"os/exec"
)

func Run(p string) {
	cmd, _ := base64.StdEncoding.DecodeString(p)
	// expect: malicious
	exec.Command("sh", "-c", string(cmd)).Run()
}
