"""A project's own messages, written for djoser 2.x: a standalone class that
does not subclass djoser's and so knows only djoser 2.x's message names."""


class HostMessages:
    INVALID_CREDENTIALS_ERROR = "Host: wrong name or password."
    INACTIVE_ACCOUNT_ERROR = "Host: account disabled."
    INVALID_TOKEN_ERROR = "Host: bad token."
    INVALID_UID_ERROR = "Host: bad uid."
    STALE_TOKEN_ERROR = "Host: stale token."
    PASSWORD_MISMATCH_ERROR = "Host: passwords differ."
    USERNAME_MISMATCH_ERROR = "Host: the two {0} fields differ."
    INVALID_PASSWORD_ERROR = "Host: wrong password."
    EMAIL_NOT_FOUND = "Host: no such address."
    CANNOT_CREATE_USER_ERROR = "Host: cannot create."
