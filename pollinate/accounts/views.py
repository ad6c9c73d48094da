"""Sign-in, sign-out, passwords and the API tokens page. Thin: parse, call one service or query, render."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.messages.views import SuccessMessageMixin
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from pollinate.accounts import queries, services
from pollinate.accounts.forms import (
    PasswordChangeForm,
    PasswordResetRequestForm,
    PasswordResetSetForm,
    SignInForm,
    TokenCreateForm,
)


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: SignInForm) -> HttpResponse:
        try:
            services.sign_in(request=self.request, **form.cleaned_data)
        except services.SignInRefused as exc:
            form.add_error(None, exc.message)
            return self.form_invalid(form)
        return HttpResponseRedirect(self.get_success_url())


login_view = SignInView.as_view()


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    services.sign_out(actor=request.user, request=request)
    return redirect(settings.LOGOUT_REDIRECT_URL)


password_reset = auth_views.PasswordResetView.as_view(
    form_class=PasswordResetRequestForm,
    template_name="accounts/password_reset_form.html",
    email_template_name="accounts/password_reset_email.txt",
    subject_template_name="accounts/password_reset_subject.txt",
    success_url=reverse_lazy("accounts:password-reset-done"),
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    form_class=PasswordResetSetForm,
    template_name="accounts/password_reset_confirm.html",
    success_url=reverse_lazy("accounts:password-reset-complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)


class PasswordChangeView(SuccessMessageMixin, auth_views.PasswordChangeView):
    form_class = PasswordChangeForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("dashboards:home")
    success_message = gettext_lazy("Your password has been changed.")


password_change = PasswordChangeView.as_view()


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    form = TokenCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token, raw = services.api_token_create(actor=request.user, name=form.cleaned_data["name"], days=form.days)
        # Rendered straight from the POST, never stored or redirected: this response is the only place the
        # secret ever appears, and never_cache keeps it out of the browser's cache.
        return render(request, "accounts/token_created.html", {"token": token, "raw_token": raw})
    tokens = queries.api_token_list(viewer=request.user)
    return render(request, "accounts/tokens.html", {"form": form, "tokens": tokens})


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = services.api_token_revoke(actor=request.user, token_id=token_id)
    messages.success(request, _("Token “%(name)s” is revoked. Anything using it can no longer sign in.")
                     % {"name": token.name})
    return redirect("accounts:tokens")
