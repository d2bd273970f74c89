from django.contrib.auth.decorators import login_required, permission_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_POST

from billing.models import Payment
from billing.gateway import refund


@login_required
@permission_required("billing.issue_refund", raise_exception=True)
@require_POST
def issue_refund(request, payment_id):
    payment = get_object_or_404(Payment, pk=payment_id)
    amount = min(int(request.POST.get("amount_cents", payment.amount_cents)), payment.amount_cents - payment.refunded_cents)
    # expect-not: CWE-862
    result = refund(payment.gateway_ref, amount)
    payment.refunded_cents += amount
    payment.save(update_fields=["refunded_cents"])
    return JsonResponse({"status": result.status})
