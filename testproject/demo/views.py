"""The page that carries the single-page app, and the development outbox."""

from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.http import Http404, JsonResponse
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from demo.models import SentEmail
from demo.outbox import links_in
from djoser.conf import settings

# The demo is a browser client: it uses djoser's endpoints as
# djoser.urls.browser serves them (the "browser" URL namespace), where the
# credentials live in HttpOnly cookies the page never reads.
BROWSER_CLIENT = "browser"

# Name the app knows an endpoint by -> URL name (in the browser client's
# namespace, but for the demo's own outbox). An endpoint whose URL is not
# mounted is left out of the page's config, and the app hides what needs it;
# that is how the passkey section appears only when djoser.webauthn is routed.
BROWSER_ENDPOINTS = {
    "csrf": "csrf",
    "users": "user-list",
    "me": "user-me",
    "activation": "user-activation",
    "resendActivation": "user-resend-activation",
    "setPassword": "user-set-password",
    "resetPassword": "user-reset-password",
    "resetPasswordConfirm": "user-reset-password-confirm",
    "setUsername": "user-set-username",
    "resetUsername": "user-reset-username",
    "resetUsernameConfirm": "user-reset-username-confirm",
    "tokenLogin": "login",
    "tokenLogout": "logout",
    "jwtCreate": "jwt-create",
    "jwtRefresh": "jwt-refresh",
    "jwtBlacklist": "jwt-blacklist",
    "passkeySignupRequest": "webauthn_signup_request",
    "passkeySignup": "webauthn_signup",
    "passkeyLoginRequest": "webauthn_login_request",
    "passkeyLogin": "webauthn_login",
    "passkeys": "webauthn_passkey_list",
    "passkeyAddRequest": "webauthn_passkey_add_request",
    "passkeyAdd": "webauthn_passkey_add",
    "passkey": "webauthn_passkey_detail",
    "emailChange": "user-email-change",
    "emailChangeConfirm": "user-email-change-confirm",
    "emailChangeUndo": "user-email-change-undo",
    "notMe": "user-not-me",
    "mfaTotp": "mfa-totp",
    "mfaRecoveryCodes": "mfa-recovery-codes",
    "mfaVerify": "mfa-verify",
    "sessions": "session-list",
    "session": "session-detail",
    "sessionsLogoutOthers": "session-logout-others",
    "reauthenticate": "reauthenticate",
    "reauthenticatePasskeyRequest": "reauthenticate-passkey-request",
    "socialAccounts": "social-account-list",
    "socialAccount": "social-account-detail",
    "loginCodeRequest": "login-code-request",
    "loginCodeConfirm": "login-code-confirm",
    "loginCodeResend": "login-code-resend",
    "config": "client-config",
}
ENDPOINT_URL_NAMES = {
    **{
        name: f"{BROWSER_CLIENT}:{url_name}"
        for name, url_name in BROWSER_ENDPOINTS.items()
    },
    "outbox": "demo-outbox",
}

# Endpoints that answer 404 until a djoser setting turns their feature on.
FEATURE_SETTINGS = {
    "emailChange": "EMAIL_CHANGE_CONFIRM_URL",
    "emailChangeConfirm": "EMAIL_CHANGE_CONFIRM_URL",
    "emailChangeUndo": "EMAIL_CHANGE_UNDO_URL",
    "notMe": "NOT_ME_URL",
}

# Endpoints that answer 404 until a CODES key (djoser.codes) turns them on.
CODE_FEATURES = {
    "loginCodeRequest": "LOGIN",
    "loginCodeConfirm": "LOGIN",
    "loginCodeResend": "LOGIN",
}

# URL name -> the parameters in its path. The page hands the app such a path
# with ":name" in place of each parameter, and the app fills them in.
URL_PARAMETERS = {
    f"{BROWSER_CLIENT}:webauthn_signup": ("ukey",),
    f"{BROWSER_CLIENT}:webauthn_passkey_detail": ("pk",),
    f"{BROWSER_CLIENT}:session-detail": ("pk",),
    f"{BROWSER_CLIENT}:social-account-detail": ("pk",),
}
# Reversed in place of each parameter, then swapped for ":name": digits, so
# that both the str and the int converter accept it.
PARAMETER_STAND_IN = "7135246809"

# Endpoints that exist only for development.
DEBUG_ONLY_ENDPOINTS = {"outbox"}

OUTBOX_SIZE = 50


def path_template(url_name):
    """The path of ``url_name`` with ":name" for each of its parameters."""
    parameters = URL_PARAMETERS.get(url_name, ())
    path = reverse(url_name, kwargs=dict.fromkeys(parameters, PARAMETER_STAND_IN))
    for parameter in parameters:
        path = path.replace(PARAMETER_STAND_IN, f":{parameter}", 1)
    return path


def mounted_endpoints():
    endpoints = {}
    for name, url_name in ENDPOINT_URL_NAMES.items():
        try:
            endpoints[name] = path_template(url_name)
        except NoReverseMatch:
            continue
    if not django_settings.DEBUG:
        for name in DEBUG_ONLY_ENDPOINTS:
            endpoints.pop(name, None)
    for name, setting in FEATURE_SETTINGS.items():
        if getattr(settings, setting) is None:
            endpoints.pop(name, None)
    for name, key in CODE_FEATURES.items():
        if not settings.CODES[key]:
            endpoints.pop(name, None)
    return endpoints


def user_fields():
    """The field names the forms need, read from the user model and DJOSER."""
    User = get_user_model()
    return {
        "login": settings.LOGIN_FIELD,
        "username": User.USERNAME_FIELD,
        "email": User.get_email_field_name(),
        "required": list(User.REQUIRED_FIELDS),
        "sendActivationEmail": settings.SEND_ACTIVATION_EMAIL,
        "passwordRetype": settings.USER_CREATE_PASSWORD_RETYPE,
        "setPasswordRetype": settings.SET_PASSWORD_RETYPE,
        "resetConfirmRetype": settings.PASSWORD_RESET_CONFIRM_RETYPE,
        "setUsernameRetype": settings.SET_USERNAME_RETYPE,
        "usernameResetConfirmRetype": settings.USERNAME_RESET_CONFIRM_RETYPE,
        "logoutOnPasswordChange": settings.LOGOUT_ON_PASSWORD_CHANGE,
    }


class IndexView(TemplateView):
    template_name = "demo/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["demo_config"] = {
            "endpoints": mounted_endpoints(),
            "fields": user_fields(),
            # Passkeys work only on pages of this host (or a subdomain of it).
            "passkeyRpId": settings.WEBAUTHN["RP_ID"],
        }
        return context


@require_safe
def outbox(request):
    """The newest messages the outbox backend kept, with the links in them."""
    # Every activation and reset link is readable here: development only.
    if not django_settings.DEBUG:
        raise Http404("The outbox exists only with DEBUG on.")
    messages = [
        {
            "id": message.id,
            "sent_at": message.sent_at.isoformat(),
            "from": message.from_email,
            "to": message.recipients,
            "subject": message.subject,
            "body": message.body,
            "links": links_in(message.body),
        }
        for message in SentEmail.objects.all()[:OUTBOX_SIZE]
    ]
    return JsonResponse({"messages": messages})
