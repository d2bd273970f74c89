package export

import (
	"encoding/json"
	"os"
	"path/filepath"
)

// WriteSnapshot stores the nightly customer snapshot for the BI job.
func WriteSnapshot(dir string, customers []Customer) error {
	// expect-not: CWE-732
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return err
	}
	data, err := json.Marshal(customers)
	if err != nil {
		return err
	}
	// Group-readable for the BI service account, nobody else.
	// expect-not: CWE-732
	return os.WriteFile(filepath.Join(dir, "customers.json"), data, 0o640)
}
