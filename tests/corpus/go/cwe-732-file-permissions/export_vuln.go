package export

import (
	"encoding/json"
	"os"
	"path/filepath"
)

// WriteSnapshot stores the nightly customer snapshot for the BI job.
func WriteSnapshot(dir string, customers []Customer) error {
	// expect: CWE-732
	if err := os.MkdirAll(dir, 0777); err != nil {
		return err
	}
	data, err := json.Marshal(customers)
	if err != nil {
		return err
	}
	// expect: CWE-732
	return os.WriteFile(filepath.Join(dir, "customers.json"), data, 0666)
}
