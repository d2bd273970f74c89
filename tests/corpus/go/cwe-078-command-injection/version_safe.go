package buildinfo

import (
	"os/exec"
	"strings"
)

// GitDescribe returns the current commit description for the /version endpoint.
// Fixed program, fixed arguments: nothing here comes from a user.
func GitDescribe() string {
	// expect-not: CWE-78
	out, err := exec.Command("git", "describe", "--tags", "--always", "--dirty").Output()
	if err != nil {
		return "unknown"
	}
	return strings.TrimSpace(string(out))
}

// Uptime shells out with a constant pipeline string.
func Uptime() string {
	// expect-not: CWE-78
	out, err := exec.Command("sh", "-c", "uptime | awk '{print $3}'").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}
