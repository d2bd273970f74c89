package restore

import (
	"archive/tar"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Restore unpacks a customer-provided backup tarball into the data directory.
func Restore(r io.Reader, dataDir string) error {
	gz, err := gzip.NewReader(r)
	if err != nil {
		return err
	}
	tr := tar.NewReader(gz)
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dataDir, filepath.Join(dataDir, hdr.Name))
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(os.PathSeparator)) {
			return fmt.Errorf("tar entry escapes data dir: %q", hdr.Name)
		}
		dest := filepath.Join(dataDir, rel)
		switch hdr.Typeflag {
		case tar.TypeDir:
			os.MkdirAll(dest, 0o750)
		case tar.TypeReg:
			os.MkdirAll(filepath.Dir(dest), 0o750)
			// expect-not: CWE-22
			f, err := os.Create(dest)
			if err != nil {
				return err
			}
			if _, err := io.Copy(f, tr); err != nil {
				f.Close()
				return err
			}
			f.Close()
		default:
			// symlinks, hard links and devices are skipped
		}
	}
}
