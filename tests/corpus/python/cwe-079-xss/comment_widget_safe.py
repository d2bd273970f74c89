from django.shortcuts import get_object_or_404, render
from django.utils.html import format_html

from blog.models import Post


def post_detail(request, slug):
    post = get_object_or_404(Post, slug=slug, published=True)
    comments = []
    for c in post.comments.filter(approved=True):
        # format_html escapes every argument before marking the result safe
        # expect-not: CWE-79
        comments.append(format_html("<p><b>{}</b>: {}</p>", c.author_name, c.body))
    return render(request, "blog/post.html", {"post": post, "comments": comments})
