// Command pgbackup dumps one database to the backup bucket.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
)

func main() {
	dbName := flag.String("db", "", "database to dump")
	dest := flag.String("dest", "/backups", "destination directory")
	flag.Parse()
	if *dbName == "" {
		fmt.Fprintln(os.Stderr, "usage: pgbackup -db NAME [-dest DIR]")
		os.Exit(2)
	}
	script := fmt.Sprintf("pg_dump %s | gzip > %s/%s.sql.gz", *dbName, *dest, *dbName)
	// expect: CWE-78
	if out, err := exec.Command("/bin/bash", "-c", script).CombinedOutput(); err != nil {
		log.Fatalf("backup failed: %v\n%s", err, out)
	}
	log.Printf("backup of %s written to %s", *dbName, *dest)
}
