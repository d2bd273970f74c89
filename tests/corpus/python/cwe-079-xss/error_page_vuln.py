from django.http import HttpResponse, HttpResponseNotFound

from wiki.models import Page


def show_page(request):
    title = request.GET.get("title", "Home")
    page = Page.objects.filter(title=title).first()
    if page is None:
        # expect: CWE-79
        return HttpResponseNotFound("<p>No page called <em>" + title + "</em>. <a href='/wiki/new'>Create it?</a></p>")
    return HttpResponse(page.rendered_html)
