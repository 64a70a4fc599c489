"""Forms of the account pages: sign-in, sign-up, forgotten password, and the account page's three forms.

They only parse input; the rules (password strength, current password, throttling, verification) live in
`roles.accounts` and `roles.services`, whose `DomainError`s the views put next to the field they name.
"""

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from roles import accounts


def _control(widget_class=forms.TextInput, **attrs):
    return widget_class(attrs={"class": "form-control", **attrs})


def _password(label, autocomplete="new-password"):
    return forms.CharField(label=label, strip=False, widget=_control(forms.PasswordInput, autocomplete=autocomplete))


class SignInForm(AuthenticationForm):
    """Django's sign-in form, asking the login throttle first: once this account or this address failed too
    often, every attempt is refused until the window ends, whatever the password."""

    username = forms.EmailField(label="Email", widget=_control(forms.EmailInput, autofocus=True, autocomplete="email"))
    password = forms.CharField(
        label="Password", strip=False, widget=_control(forms.PasswordInput, autocomplete="current-password")
    )
    #: seconds to wait, once the login throttle refused this attempt
    throttled = 0

    def clean(self):
        email = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if email is not None and password:
            try:
                self.user_cache = accounts.sign_in(self.request, email, password)
            except accounts.SignInThrottled as exc:
                self.throttled = exc.retry_after
                raise forms.ValidationError(exc.detail, code="throttled")
            if self.user_cache is None:
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data


class SignUpForm(forms.Form):
    email = forms.EmailField(widget=_control(forms.EmailInput, autocomplete="email"))
    first_name = forms.CharField(max_length=150, required=False, widget=_control())
    last_name = forms.CharField(max_length=150, required=False, widget=_control())
    password = _password("Password")
    password_again = _password("Password (again)")

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password_again") and data["password"] != data["password_again"]:
            self.add_error("password_again", "The two passwords differ.")
        return data

    def service_data(self):
        data = self.cleaned_data
        return {k: data[k] for k in ("email", "password", "first_name", "last_name")}


class PasswordResetRequestForm(forms.Form):
    email = forms.EmailField(widget=_control(forms.EmailInput, autofocus=True, autocomplete="email"))


class NewPasswordForm(forms.Form):
    """A new password, twice (reset link, account page)."""

    new_password = _password("New password")
    new_password_again = _password("New password (again)")

    def clean(self):
        data = super().clean()
        if (
            data.get("new_password")
            and data.get("new_password_again")
            and data["new_password"] != data["new_password_again"]
        ):
            self.add_error("new_password_again", "The two passwords differ.")
        return data


# --- the account page: one form per concern, each with its own prefix and submit button ---------------------------


class ProfileForm(forms.Form):
    prefix = "profile"
    first_name = forms.CharField(max_length=150, required=False, widget=_control(autocomplete="given-name"))
    last_name = forms.CharField(max_length=150, required=False, widget=_control(autocomplete="family-name"))
    public_name = forms.CharField(max_length=255, required=False, widget=_control())

    @classmethod
    def initial_for(cls, user):
        return {"first_name": user.first_name, "last_name": user.last_name, "public_name": user.public_name}


class EmailChangeForm(forms.Form):
    prefix = "email"
    email = forms.EmailField(label="New e-mail address", widget=_control(forms.EmailInput, autocomplete="email"))
    current_password = _password("Current password", autocomplete="current-password")


class PasswordChangeForm(NewPasswordForm):
    prefix = "password"
    current_password = _password("Current password", autocomplete="current-password")

    field_order = ["current_password", "new_password", "new_password_again"]
