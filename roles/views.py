"""Account pages (server-rendered, session auth, CSRF): sign-in, sign-up, sign-out, e-mail verification,
forgotten password, and the account page (name, e-mail, password, my tickets).

Thin: forms parse, `roles.accounts` / `roles.services` decide. A service's `DomainError` becomes a form error
next to the field it names; what the user typed stays in the form (passwords excepted: they are never sent
back into a page).
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View
from django.views.generic import FormView

from eventyay.errors import DomainError
from roles import accounts, services
from roles.forms import (
    EmailChangeForm,
    NewPasswordForm,
    PasswordChangeForm,
    PasswordResetRequestForm,
    ProfileForm,
    SignInForm,
    SignUpForm,
)
from roles.models import User


def put_error(form, exc, fields=None):
    """A service's DomainError as a form error: next to its field when the form has it (`fields` maps service
    field names to form field names)."""
    field = (fields or {}).get(exc.field, exc.field)
    form.add_error(field if field in form.fields else None, exc.detail)


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.throttled:
            response.status_code = 429
            response["Retry-After"] = str(form.throttled)
        return response


class SignOutView(auth_views.LogoutView):
    """POST only (Django's LogoutView refuses GET), so a link cannot sign anyone out."""


class SignUpView(FormView):
    """Creates an unverified account and mails its verification link. The answer is "check your mail" whether
    or not the address already has an account (its owner is mailed instead), and nobody is signed in here."""

    template_name = "accounts/sign_up.html"
    form_class = SignUpForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect("dashboard")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            accounts.sign_up(data=form.service_data())
        except DomainError as exc:
            put_error(form, exc)
            return self.form_invalid(form)
        email = accounts.normalize_email(form.cleaned_data["email"])
        return render(self.request, "accounts/check_mail.html", {"message": accounts.check_your_mail(email)})


class VerifyEmailView(View):
    """`/verify?token=…`, the link of the verification and e-mail change mails (the Open Event frontend's
    route too)."""

    def get(self, request):
        try:
            user = accounts.email_verify(token=request.GET.get("token", ""))
        except DomainError as exc:
            return render(request, "accounts/verify_failed.html", {"error": exc.detail}, status=400)
        messages.success(request, f"{user.email} is confirmed.")
        if request.user.is_authenticated:
            return redirect("account")
        return redirect("sign-in")


class PasswordResetView(View):
    """`/reset-password`: without a token, ask for the address (the answer is "check your mail" either way);
    with `?token=…` (the mailed link, also the Open Event frontend's route), choose the new password."""

    def get(self, request):
        token = request.GET.get("token")
        if token is None:
            return self._ask(PasswordResetRequestForm())
        if not accounts.reset_token_is_valid(token):
            return render(request, "accounts/verify_failed.html", {"error": accounts.INVALID_LINK}, status=400)
        return self._choose(NewPasswordForm(), token)

    def post(self, request):
        token = request.GET.get("token")
        if token is None:
            form = PasswordResetRequestForm(request.POST)
            if not form.is_valid():
                return self._ask(form)
            accounts.password_reset_request(email=form.cleaned_data["email"])
            message = accounts.check_your_mail(form.cleaned_data["email"], max_age=settings.PASSWORD_RESET_TIMEOUT)
            return render(request, "accounts/check_mail.html", {"message": message})
        form = NewPasswordForm(request.POST)
        if form.is_valid():
            try:
                accounts.password_reset_confirm(token=token, password=form.cleaned_data["new_password"])
            except DomainError as exc:
                if exc.field == "token":
                    return render(request, "accounts/verify_failed.html", {"error": exc.detail}, status=400)
                put_error(form, exc, {"password": "new_password"})
            else:
                messages.success(request, "Your password was changed. Sign in with the new one.")
                return redirect("sign-in")
        return self._choose(form, token)

    def _ask(self, form):
        return render(self.request, "accounts/password_reset.html", {"form": form})

    def _choose(self, form, token):
        return render(self.request, "accounts/password_reset_confirm.html", {"form": form, "token": token})


class AccountView(LoginRequiredMixin, View):
    """`/account`: name, e-mail address (the current password is needed; the new address must be confirmed
    from the mail sent to it, and the account is unverified until then), password, and my tickets."""

    template_name = "accounts/account.html"
    forms = {"profile": ProfileForm, "email": EmailChangeForm, "password": PasswordChangeForm}

    def get(self, request):
        return self.render()

    def post(self, request):
        action = request.POST.get("action")
        if action == "resend":
            accounts.verification_resend(email=request.user.email)
            messages.info(request, accounts.check_your_mail(request.user.email))
            return redirect("account")
        if action not in self.forms:
            return redirect("account")
        form = self.forms[action](request.POST)
        user = User.objects.get(pk=request.user.pk)
        if form.is_valid():
            handler = getattr(self, f"save_{action}")
            try:
                message = handler(user, form.cleaned_data)
            except DomainError as exc:
                if exc.status == 429:
                    form.add_error(None, exc.detail)
                    response = self.render(**{action: form}, status=429)
                    response["Retry-After"] = str(exc.retry_after)
                    return response
                put_error(form, exc, {"old_password": "current_password", "password": "new_password"})
            else:
                messages.success(request, message)
                return redirect("account")
        return self.render(**{action: form}, status=200)

    def save_profile(self, user, data):
        services.user_update(actor=user, instance=user, data=data)
        return "Your profile was saved."

    def save_email(self, user, data):
        message = accounts.email_change_request(
            user=user, new_email=data["email"], current_password=data["current_password"], request=self.request
        )
        return message or "That is already your address."

    def save_password(self, user, data):
        accounts.password_change(
            user=user,
            current_password=data["current_password"],
            new_password=data["new_password"],
            request=self.request,
        )
        update_session_auth_hash(self.request, user)  # this session stays; every other one ends
        return "Your password was changed. Other sessions and API tokens were signed out."

    def render(self, status=200, **bound):
        from tickets.selectors import buyer_orders

        user = self.request.user
        forms = {
            "profile": ProfileForm(initial=ProfileForm.initial_for(user)),
            "email": EmailChangeForm(),
            "password": PasswordChangeForm(),
            **bound,
        }
        orders = Paginator(buyer_orders(user), 10).get_page(self.request.GET.get("page"))
        context = {"forms": forms, "orders": orders, "account_url": reverse("account")}
        return render(self.request, self.template_name, context, status=status)
