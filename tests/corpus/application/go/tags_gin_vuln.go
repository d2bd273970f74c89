package feeds

import (
	"database/sql"
	"net/http"
	"os/exec"

	"github.com/gin-gonic/gin"
)

type TagHandlers struct {
	db *sql.DB
}

// ByName handles GET /tags?name=… with gin: the query value is spliced into SQL.
func (h *TagHandlers) ByName(c *gin.Context) {
	name := c.Query("name")
	// expect: CWE-89
	rows, err := h.db.Query("SELECT id, label FROM tags WHERE label = '" + name + "'")
	if err != nil {
		c.AbortWithStatus(http.StatusInternalServerError)
		return
	}
	defer rows.Close()
	c.Status(http.StatusOK)
}

// Render handles POST /tags/:slug/render: the route parameter reaches a shell.
func Render(c *gin.Context) {
	slug := c.Param("slug")
	// expect: CWE-78
	out, err := exec.Command("sh", "-c", "render-tag "+slug).Output()
	if err != nil {
		c.AbortWithStatus(http.StatusBadRequest)
		return
	}
	c.Data(http.StatusOK, "image/svg+xml", out)
}
