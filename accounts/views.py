from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts.forms import SignupForm
from accounts.login_limits import client_address
from accounts.reset_limits import reset_mail_allowed
from accounts.services import user_signup
from core.redirects import redirect_to_next


@require_http_methods(["GET", "POST"])
def signup(request):
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if request.user.is_authenticated:
        return redirect("reader:article_list")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = user_signup(
            username=form.cleaned_data["username"],
            email=form.cleaned_data["email"],
            password=form.cleaned_data["password1"],
        )
        login(request, user, backend="accounts.backends.ModelBackend")
        messages.success(request, "Welcome! Words you save now follow you into every article.")
        return redirect_to_next(request, next_url, "reader:article_list")
    return render(request, "accounts/signup.html", {"form": form, "next": next_url})


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset form, sending at most a few mails per address and per client
    (accounts/reset_limits.py); over either limit the same "check your e-mail" page follows."""

    def form_valid(self, form):
        if reset_mail_allowed(form.cleaned_data["email"], client_address(self.request)):
            return super().form_valid(form)
        return HttpResponseRedirect(self.get_success_url())
