package blog

import (
	"html/template"
	"net/http"
)

var page = template.Must(template.New("post").Parse(`<article>
  <h2>{{.Title}}</h2>
  <div class="comment">{{.Comment}}</div>
  <footer>{{.Footer}}</footer>
</article>`))

type view struct {
	Title   string
	Comment string
	Footer  template.HTML
}

// Preview renders a comment before it is posted; html/template escapes the comment text.
func Preview(w http.ResponseWriter, r *http.Request) {
	v := view{
		Title:   "Preview",
		Comment: r.FormValue("comment"),
		// expect-not: CWE-79
		Footer: template.HTML(`<a href="/guidelines">Community guidelines</a>`),
	}
	// expect-not: CWE-79
	page.Execute(w, v)
}
