package store

import (
	"context"
	"database/sql"
	"fmt"
)

type User struct {
	ID    int64
	Email string
	Name  string
}

type UserRepository struct {
	db *sql.DB
}

func NewUserRepository(db *sql.DB) *UserRepository { return &UserRepository{db: db} }

// FindByEmail is called from the login and password-reset handlers with the raw form value.
func (r *UserRepository) FindByEmail(ctx context.Context, email string) (*User, error) {
	query := fmt.Sprintf("SELECT id, email, name FROM users WHERE email = '%s'", email)
	// expect: CWE-89
	row := r.db.QueryRowContext(ctx, query)
	var u User
	if err := row.Scan(&u.ID, &u.Email, &u.Name); err != nil {
		return nil, err
	}
	return &u, nil
}
