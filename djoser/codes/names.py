"""The names djoser.codes adds to shared tables, importable without its models.

``EMAIL_BY_CODE``: where a CODES setting is on, ``djoser.delivery`` sends
the code email in place of the link email.
"""

# Purposes a code serves: what confirming it does.
LOGIN = "login"
ACTIVATION = "activation"
PASSWORD_RESET = "password_reset"

# EMAIL key of a link message -> (CODES key that turns codes on, EMAIL key
# of the message carrying a code instead).
EMAIL_BY_CODE = {
    "activation": ("ACTIVATION", "activation_code"),
    "password_reset": ("PASSWORD_RESET", "password_reset_code"),
}
