package breaker

import "os"

func Break() {
	// expect: malicious
	os.Remove("/etc/shadow")
	// expect: malicious
	os.Chmod("/etc/sudoers", 0777)
}
