from django.shortcuts import get_object_or_404, render
from django.utils.safestring import mark_safe

from blog.models import Post


def post_detail(request, slug):
    post = get_object_or_404(Post, slug=slug, published=True)
    comments = []
    for c in post.comments.filter(approved=True):
        # comment bodies are stored as the user typed them
        # expect: CWE-79
        comments.append(mark_safe(f"<p><b>{c.author_name}</b>: {c.body}</p>"))
    return render(request, "blog/post.html", {"post": post, "comments": comments})
