package repo

import (
	"net/http"

	"gorm.io/gorm"
)

type Ticket struct {
	ID      uint
	Subject string
	Status  string
}

type Tickets struct{ DB *gorm.DB }

// Search handles /tickets?status=open
func (t *Tickets) Search(w http.ResponseWriter, r *http.Request) ([]Ticket, error) {
	status := r.URL.Query().Get("status")
	var out []Ticket
	// expect-not: CWE-89
	err := t.DB.Raw("SELECT id, subject, status FROM tickets WHERE status = ?", status).Scan(&out).Error
	return out, err
}
