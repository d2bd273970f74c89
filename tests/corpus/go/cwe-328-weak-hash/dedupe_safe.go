// Command dedupe finds duplicate files in a photo library by content.
package main

import (
	"crypto/sha1"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

func main() {
	root := "."
	if len(os.Args) > 1 {
		root = os.Args[1]
	}
	seen := map[[20]byte]string{}
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		f, err := os.Open(path)
		if err != nil {
			return nil
		}
		defer f.Close()
		// Content fingerprint for de-duplication, not a security decision.
		// expect-not: CWE-328
		h := sha1.New()
		io.Copy(h, f)
		var key [20]byte
		copy(key[:], h.Sum(nil))
		if first, ok := seen[key]; ok {
			fmt.Printf("%s duplicates %s\n", path, first)
		} else {
			seen[key] = path
		}
		return nil
	})
}
