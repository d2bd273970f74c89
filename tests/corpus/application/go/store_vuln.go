package feeds

import (
	"database/sql"
	"net/http"
)

type Store struct {
	db *sql.DB
}

func (s *Store) Search(w http.ResponseWriter, r *http.Request) {
	term := r.URL.Query().Get("q")
	// expect: CWE-89
	rows, err := s.db.Query("SELECT id FROM feeds WHERE title LIKE '%" + term + "%'")
	if err != nil {
		http.Error(w, "db", http.StatusInternalServerError)
		return
	}
	defer rows.Close()
}
