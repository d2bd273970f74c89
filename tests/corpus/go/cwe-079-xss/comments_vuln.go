package blog

import (
	"html/template"
	"net/http"
)

var page = template.Must(template.New("post").Parse(`<article>
  <h2>{{.Title}}</h2>
  <div class="comment">{{.Comment}}</div>
</article>`))

type view struct {
	Title   string
	Comment template.HTML
}

// Preview renders a comment before it is posted. The author wanted <b> and <i> to work,
// so the raw text is marked as trusted HTML.
func Preview(w http.ResponseWriter, r *http.Request) {
	// expect: CWE-79
	v := view{Title: "Preview", Comment: template.HTML(r.FormValue("comment"))}
	page.Execute(w, v)
}
