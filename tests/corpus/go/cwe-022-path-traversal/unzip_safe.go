package plugins

import (
	"archive/zip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Install unpacks a plugin archive uploaded by a tenant admin into dir,
// rejecting any entry whose cleaned path would land outside dir.
func Install(archivePath, dir string) error {
	zr, err := zip.OpenReader(archivePath)
	if err != nil {
		return err
	}
	defer zr.Close()
	root := filepath.Clean(dir) + string(os.PathSeparator)
	for _, f := range zr.File {
		target := filepath.Join(dir, f.Name)
		if !strings.HasPrefix(target, root) {
			return fmt.Errorf("illegal path in archive: %q", f.Name)
		}
		if f.FileInfo().IsDir() {
			os.MkdirAll(target, 0o755)
			continue
		}
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		// expect-not: CWE-22
		out, err := os.OpenFile(target, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
		if err != nil {
			return err
		}
		rc, err := f.Open()
		if err != nil {
			out.Close()
			return err
		}
		_, err = io.Copy(out, io.LimitReader(rc, 64<<20))
		rc.Close()
		out.Close()
		if err != nil {
			return err
		}
	}
	return nil
}
