// Package ledger trusts its callers; package orders decides what reaches it.
package ledger

import (
	"database/sql"
	"os/exec"
)

type Ledger struct {
	db *sql.DB
}

// Open makes a ledger over db.
func Open(db *sql.DB) (*Ledger, error) {
	return &Ledger{db: db}, nil
}

func (l *Ledger) Statement(account string) (*sql.Rows, error) {
	// expect: CWE-89
	return l.db.Query("SELECT * FROM entries WHERE account = '" + account + "'")
}

func (l *Ledger) Lookup(ref string) (string, error) {
	var entry string
	// expect: CWE-89
	err := l.db.QueryRow("SELECT body FROM entries WHERE ref = '" + ref + "'").Scan(&entry)
	return entry, err
}

func (l *Ledger) Archive(month string) error {
	// expect-not: CWE-89
	_, err := l.db.Exec("INSERT INTO archive SELECT * FROM entries WHERE month = '" + month + "'")
	return err
}

func (l *Ledger) Page(offset string) (*sql.Rows, error) {
	// expect-not: CWE-89
	return l.db.Query("SELECT body FROM entries LIMIT 50 OFFSET " + offset)
}

// Compact has no caller that passes request data.
func (l *Ledger) Compact(table string) error {
	// expect-not: CWE-89
	_, err := l.db.Exec("VACUUM " + table)
	return err
}

func Export(name string) error {
	// expect: CWE-78
	return exec.Command("sh", "-c", "ledger-export > /exports/"+name).Run()
}
