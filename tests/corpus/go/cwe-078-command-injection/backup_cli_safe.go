// Command pgbackup dumps one database to the backup bucket.
package main

import (
	"compress/gzip"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
)

var dbNameRe = regexp.MustCompile(`^[a-z_][a-z0-9_]{0,62}$`)

func main() {
	dbName := flag.String("db", "", "database to dump")
	dest := flag.String("dest", "/backups", "destination directory")
	flag.Parse()
	if !dbNameRe.MatchString(*dbName) {
		fmt.Fprintln(os.Stderr, "usage: pgbackup -db NAME [-dest DIR]")
		os.Exit(2)
	}
	f, err := os.Create(filepath.Join(*dest, *dbName+".sql.gz"))
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	zw := gzip.NewWriter(f)
	defer zw.Close()
	// No shell: pg_dump gets the name as one argument and we compress in-process.
	// expect-not: CWE-78
	cmd := exec.Command("pg_dump", "--format=plain", "--", *dbName)
	cmd.Stdout = zw
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		log.Fatalf("backup failed: %v", err)
	}
	log.Printf("backup of %s written to %s", *dbName, *dest)
}
