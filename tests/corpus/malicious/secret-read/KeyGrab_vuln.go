package diag

import (
	"os"
	"path/filepath"
)

// Collect reads the user's private key and the system password hashes.
func Collect() ([]byte, []byte) {
	home, _ := os.UserHomeDir()
	// expect: malicious
	key, _ := os.ReadFile(filepath.Join(home, ".ssh", "id_rsa"))
	// expect: malicious
	shadow, _ := os.ReadFile("/etc/shadow")
	return key, shadow
}
