"""The requirement sensitive requests declare: a fresh reauthentication, or
the same proof in their own body.

A view mixes in ``ReauthenticationMixin`` and names the requests it guards.
Such a request passes when its credential was reauthenticated within
REAUTHENTICATION_TIMEOUT (``reauthenticate/``), or when its body carries the
proof ``reauthenticate/`` would take (``current_password``, and ``code``
where two-factor sign-in is on), checked and counted the same way. Else:

    401 Unauthorized
    WWW-Authenticate: Reauthenticate
    {"reauthentication_required": true, "methods": ["password", "passkey"]}

401, never 403: the caller is who it says, but must show it once more.
A wrong proof in the body answers 400, as a wrong ``current_password``
always has.
"""

from rest_framework import status
from rest_framework.exceptions import APIException

from djoser.reauthentication.credentials import is_fresh
from djoser.reauthentication.methods import LOGIN, has_second_factor, methods_for
from djoser.reauthentication.serializers import ProofSerializer
from djoser.reauthentication.throttling import counted_proof

AUTH_HEADER = "Reauthenticate"


class ReauthenticationRequired(APIException):
    status_code = status.HTTP_401_UNAUTHORIZED
    default_code = "reauthentication_required"
    auth_header = AUTH_HEADER

    def __init__(self, methods):
        super().__init__()
        # Set as is: DRF would turn the true into the string "True".
        self.detail = {"reauthentication_required": True, "methods": methods}


def _body_proof(request, second_factor, password_checked, code_is_proof):
    """The proof fields of the body, or None when it carries none that counts."""
    data = request.data
    if not hasattr(data, "get"):
        return None
    if second_factor and not code_is_proof:
        # The body's "code" means something else there (a provider's
        # authorization code): such an account reauthenticates first.
        return None
    if second_factor:
        required, names = "code", ["code", "current_password"]
    else:
        required, names = "current_password", ["current_password"]
    if password_checked:
        # The view's serializer checks current_password with its own answers.
        names.remove("current_password")
    if not names or required not in data:
        return None
    return {name: data[name] for name in names if name in data}


def require(request, view, password_checked=False):
    """Let ``request`` make a sensitive change, or raise.

    ``password_checked``: the view's serializer checks ``current_password``
    itself (djoser 2.x's endpoints, the email change). Then an account
    without two-factor sign-in that has a password is answered exactly as
    before; with it, ``code`` (or a fresh reauthentication) is needed too.
    Raises ReauthenticationRequired (401), a ValidationError (400) for a
    wrong proof, or Throttled (429) past THROTTLE_RATES["reauthentication"].
    """
    user = request.user
    if not user.is_authenticated:
        return  # the view's permissions answer for it
    second_factor = has_second_factor(user)
    if password_checked and not second_factor and user.has_usable_password():
        return
    if is_fresh(request):
        return
    methods = methods_for(user)
    if not methods:
        # Nothing to prove with (a social-only account): a fresh login is the
        # proof, else a stolen token could add a way in the owner cannot remove.
        raise ReauthenticationRequired([LOGIN])
    code_is_proof = getattr(view, "code_is_proof", True)
    proof = _body_proof(request, second_factor, password_checked, code_is_proof)
    if proof is None:
        raise ReauthenticationRequired(methods)
    context = {"request": request, "view": view, "second_factor": second_factor}
    with counted_proof(request, view):
        ProofSerializer(data=proof, context=context).is_valid(raise_exception=True)


class ReauthenticationMixin:
    """For a view whose sensitive requests need a fresh reauthentication.

    ``reauthenticated_methods`` names the HTTP methods that need it; a view
    that chooses by action overrides ``needs_reauthentication``.
    ``serializer_checks_password``: see ``require``'s ``password_checked``.
    ``code_is_proof = False``: the body's ``code`` is not a two-factor code,
    so an account with two-factor sign-in reauthenticates first.
    The requirement runs after authentication, permissions and throttles.
    """

    reauthenticated_methods = ()
    serializer_checks_password = False

    def needs_reauthentication(self, method):
        """Whether a request of HTTP ``method`` (to this action) needs it."""
        return method in self.reauthenticated_methods

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        method = "GET" if request.method == "HEAD" else request.method
        if self.needs_reauthentication(method):
            # Parsed first: an unreadable body answers 400 or 415 whether or
            # not the credential is fresh, and is never taken for "no proof".
            request.data  # noqa: B018
            require(request, self, password_checked=self.serializer_checks_password)
