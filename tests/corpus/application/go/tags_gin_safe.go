package feeds

import (
	"database/sql"
	"log"
	"net/http"

	"github.com/gin-gonic/gin"
)

type TagStore struct {
	db *sql.DB
}

// Mine handles GET /tags/mine: the owner comes from what the auth middleware stored in
// the context, and the request's own value is bound as a parameter.
func (s *TagStore) Mine(c *gin.Context) {
	owner := c.GetString("account_id")
	prefix := c.Query("prefix")
	// expect-not: CWE-89
	rows, err := s.db.Query("SELECT id FROM tags WHERE owner = '"+owner+"' AND label LIKE ?", prefix+"%")
	if err != nil {
		c.AbortWithStatus(http.StatusInternalServerError)
		return
	}
	defer rows.Close()
	// expect-not: CWE-117
	log.Printf("listed tags for route %s", c.FullPath())
	c.Status(http.StatusOK)
}
