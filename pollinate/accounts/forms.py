"""Input parsing for the sign-in, password and API token pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from pollinate.accounts import queries, services


class SignInForm(forms.Form):
    """Only parses; checking the password (and the lockout) is ``services.sign_in``'s job."""

    username = auth_forms.UsernameField(
        label=_("Username"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, request: HttpRequest | None = None, *args: Any, **kwargs: Any) -> None:
        # LoginView hands the request to its form; parsing does not need it.
        super().__init__(*args, **kwargs)


class PasswordResetRequestForm(auth_forms.PasswordResetForm):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )

    def save(self, *args: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
        ip_address = request.META.get("REMOTE_ADDR") if request is not None else None
        if services.password_reset_request_record(email=self.cleaned_data["email"], ip_address=ip_address):
            super().save(*args, request=request, **kwargs)

    def get_users(self, email: str) -> Any:
        # Rostered people start without a usable password: the emailed link is how they choose their first,
        # so unlike Django's default they are not skipped. Inactive people still get nothing.
        return queries.password_reset_recipients(email=email)

    def send_mail(self, subject_template_name: str, email_template_name: str, context: dict[str, Any],
                  from_email: str | None, to_email: str, html_email_template_name: str | None = None) -> None:
        # Families read the email in the language they asked for, whatever the language of the browser used.
        wanted = getattr(context.get("user"), "preferred_language", "") or ""
        language = wanted if wanted in dict(settings.LANGUAGES) else translation.get_language()
        with translation.override(language):
            super().send_mail(subject_template_name, email_template_name, context, from_email, to_email,
                              html_email_template_name=html_email_template_name)


class PasswordResetSetForm(auth_forms.SetPasswordForm):
    def save(self, commit: bool = True) -> Any:
        return services.password_set(
            actor=self.user, person=self.user, password=self.cleaned_data["new_password1"], reason="reset"
        )


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    def save(self, commit: bool = True) -> Any:
        return services.password_set(
            actor=self.user, person=self.user, password=self.cleaned_data["new_password1"], reason="change"
        )


EXPIRY_CHOICES = [
    ("30", _("30 days")),
    ("90", _("90 days")),
    ("365", _("1 year")),
    ("never", _("Never (until revoked)")),
]


class TokenCreateForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What will use it, for example “Gradebook sync”."),
    )
    expires_in = forms.ChoiceField(label=_("Expires after"), choices=EXPIRY_CHOICES, initial="90")

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Give the token a name, so you can tell it apart later."))
        return name

    @property
    def days(self) -> int | None:
        value = self.cleaned_data["expires_in"]
        return None if value == "never" else int(value)
