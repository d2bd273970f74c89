from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from shop.models import Order


@login_required
def order_list(request):
    sort = request.GET.get("sort", "created_at")
    direction = "DESC" if request.GET.get("desc") == "1" else "ASC"
    sql = (
        "SELECT * FROM shop_order WHERE customer_id = %s "
        "ORDER BY " + sort + " " + direction
    )
    # expect: CWE-89
    orders = Order.objects.raw(sql, [request.user.id])
    return render(request, "shop/orders.html", {"orders": orders, "sort": sort})
