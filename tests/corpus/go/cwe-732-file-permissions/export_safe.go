package export

import (
	"encoding/json"
	"os"
	"path/filepath"
)

// WriteSnapshot stores the nightly customer snapshot for the BI job.
func WriteSnapshot(dir string, customers []Customer) error {
	// Creation modes are filtered by the process umask: 0777/0666 is the Go convention.
	// expect-not: CWE-732
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return err
	}
	data, err := json.Marshal(customers)
	if err != nil {
		return err
	}
	path := filepath.Join(dir, "customers.json")
	// expect-not: CWE-732
	if err := os.WriteFile(path, data, 0o666); err != nil {
		return err
	}
	// Group-readable for the BI service account, nobody else.
	// expect-not: CWE-732
	return os.Chmod(path, 0o640)
}
