from django import forms
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.shortcuts import redirect, render


class AccountForm(forms.ModelForm):
    class Meta:
        model = User
        # expect-not: CWE-915
        fields = ["first_name", "last_name", "email"]


@login_required
def edit_account(request):
    form = AccountForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        return redirect("account")
    return render(request, "account/edit.html", {"form": form})
