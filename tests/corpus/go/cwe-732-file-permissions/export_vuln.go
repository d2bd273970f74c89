package export

import (
	"encoding/json"
	"os"
	"path/filepath"
)

// WriteSnapshot stores the nightly customer snapshot for the BI job.
func WriteSnapshot(dir string, customers []Customer) error {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return err
	}
	// The BI job runs as another user; "make it work" by opening the folder to everyone.
	// expect: CWE-732
	if err := os.Chmod(dir, 0777); err != nil {
		return err
	}
	data, err := json.Marshal(customers)
	if err != nil {
		return err
	}
	path := filepath.Join(dir, "customers.json")
	if err := os.WriteFile(path, data, 0o640); err != nil {
		return err
	}
	// expect: CWE-732
	return os.Chmod(path, 0o666)
}
