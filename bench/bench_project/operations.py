"""What compare.py measures against the peers: one row per operation.

Each row maps a package (a column of the table) to the configuration that
serves it (a settings module, in that package's virtualenv) and the request
that performs the operation there. A package without the operation has no
entry. The ``floor`` column is a hand-written DRF view (floor.py).

Requests are plain data, read both by compare.py (the load) and by
peer_queries.py (the query counts). In their strings ``{token}``,
``{access}``, ``{device}``, ``{basic}``, ``{username}``, ``{email}`` and
``{password}`` are the credentials of the configuration's bench user
(bench_project/credentials.py); ``{{n}}`` becomes a number unique to the
request and ``{{value}}`` a credential used once (a login that a logout
ends), of the kind the request's ``fresh`` names.
"""

# Packages, in the order the table shows them.
OURS = "ours"
DJOSER = "djoser 2.3.5"
DJ_REST_AUTH = "dj-rest-auth"
KNOX = "knox"
FLOOR = "floor"
COLUMNS = [OURS, DJOSER, DJ_REST_AUTH, KNOX, FLOOR]

# Configuration -> (virtualenv, settings module).
CONFIGURATIONS = {
    "ours": ("ours", "bench_project.settings"),
    "ours devicetokens": ("ours", "bench_project.settings_devicetokens"),
    "djoser 2.3.5": ("djoser", "bench_project.settings"),
    "dj-rest-auth token": ("dj-rest-auth", "bench_project.settings_dj_rest_auth"),
    "dj-rest-auth jwt": ("dj-rest-auth", "bench_project.settings_dj_rest_auth_jwt"),
    "knox": ("knox", "bench_project.settings_knox"),
}


def call(method, path, expect=200, header=None, body=None, fresh=None):
    return {
        "method": method,
        "path": path,
        "expect": expect,
        "header": header,
        "body": body,
        "fresh": fresh,
    }


TOKEN = "Authorization: Token {token}"
BEARER = "Authorization: Bearer {access}"
DEVICE = "Authorization: Token {device}"
ONCE = "Authorization: Token {{value}}"
LOGIN = '{{"username": "{username}", "password": "{password}"}}'
REGISTER = (
    '{{"username": "r{{n}}", "email": "r{{n}}@example.com", "password": "{password}"}}'
)
# allauth's sign-up form, which dj-rest-auth's registration is built on.
REGISTER_ALLAUTH = (
    '{{"username": "r{{n}}", "email": "r{{n}}@example.com", '
    '"password1": "{password}", "password2": "{password}"}}'
)
# The password is changed to itself, so every request of the load can send
# the same current one.
SET_PASSWORD = '{{"current_password": "{password}", "new_password": "{password}"}}'
CHANGE_PASSWORD_DJ_REST_AUTH = (
    '{{"old_password": "{password}", "new_password1": "{password}", '
    '"new_password2": "{password}"}}'
)
EMAIL = '{{"email": "{email}"}}'
# Logging out every device needs reauthentication: the password in the body.
CURRENT_PASSWORD = '{{"current_password": "{password}"}}'

ME = call("GET", "/auth/users/me/", header=TOKEN)
JWT_ME = call("GET", "/auth/users/me/", header=BEARER)
TOKEN_LOGIN = call("POST", "/auth/token/login/", body=LOGIN)
JWT_CREATE = call("POST", "/auth/jwt/create/", body=LOGIN)
TOKEN_LOGOUT = call("POST", "/auth/token/logout/", 204, ONCE, fresh="token")
SET_PASSWORD_CALL = call("POST", "/auth/users/set_password/", 204, TOKEN, SET_PASSWORD)
RESET_PASSWORD = call("POST", "/auth/users/reset_password/", 204, body=EMAIL)

OPERATIONS = {
    "register": {
        OURS: ("ours", call("POST", "/auth/users/", 201, body=REGISTER)),
        DJOSER: ("djoser 2.3.5", call("POST", "/auth/users/", 201, body=REGISTER)),
        DJ_REST_AUTH: (
            "dj-rest-auth token",
            call("POST", "/auth/registration/", 201, body=REGISTER_ALLAUTH),
        ),
    },
    "log in: DRF token": {
        OURS: ("ours", TOKEN_LOGIN),
        DJOSER: ("djoser 2.3.5", TOKEN_LOGIN),
        DJ_REST_AUTH: ("dj-rest-auth token", call("POST", "/auth/login/", body=LOGIN)),
    },
    "log in: JWT pair": {
        OURS: ("ours", JWT_CREATE),
        DJOSER: ("djoser 2.3.5", JWT_CREATE),
        DJ_REST_AUTH: ("dj-rest-auth jwt", call("POST", "/auth/login/", body=LOGIN)),
    },
    "log in: device token": {
        OURS: ("ours devicetokens", TOKEN_LOGIN),
        # knox's login view authenticates with HTTP Basic, as its docs show.
        KNOX: ("knox", call("POST", "/auth/login/", header="Authorization: {basic}")),
    },
    "GET me: DRF token": {
        OURS: ("ours", ME),
        DJOSER: ("djoser 2.3.5", ME),
        DJ_REST_AUTH: ("dj-rest-auth token", call("GET", "/auth/user/", header=TOKEN)),
        FLOOR: ("ours", call("GET", "/floor/me/", header=TOKEN)),
    },
    "GET me: JWT": {
        OURS: ("ours", JWT_ME),
        DJOSER: ("djoser 2.3.5", JWT_ME),
        DJ_REST_AUTH: ("dj-rest-auth jwt", call("GET", "/auth/user/", header=BEARER)),
        FLOOR: ("ours", call("GET", "/floor/me/", header=BEARER)),
    },
    # knox has no current-user view: its users write one, as the floor is.
    "GET me: device token": {
        OURS: ("ours devicetokens", call("GET", "/auth/users/me/", header=DEVICE)),
        KNOX: ("knox", call("GET", "/floor/me/", header=DEVICE)),
        FLOOR: ("ours", call("GET", "/floor/me/", header=TOKEN)),
    },
    # The same hand-written view on every side: the authentication alone
    # (the floor authenticates with DRF's token).
    "GET floor: device token": {
        OURS: ("ours devicetokens", call("GET", "/floor/me/", header=DEVICE)),
        KNOX: ("knox", call("GET", "/floor/me/", header=DEVICE)),
        FLOOR: ("ours", call("GET", "/floor/me/", header=TOKEN)),
    },
    "log out: DRF token": {
        OURS: ("ours", TOKEN_LOGOUT),
        DJOSER: ("djoser 2.3.5", TOKEN_LOGOUT),
        DJ_REST_AUTH: (
            "dj-rest-auth token",
            call("POST", "/auth/logout/", header=ONCE, fresh="token"),
        ),
    },
    "log out one device": {
        OURS: (
            "ours devicetokens",
            call("POST", "/auth/token/logout/", 204, ONCE, fresh="device"),
        ),
        KNOX: ("knox", call("POST", "/auth/logout/", 204, ONCE, fresh="device")),
    },
    # Each user has three devices signed in. Ours checks a password too.
    "log out all devices": {
        OURS: (
            "ours devicetokens",
            call(
                "POST",
                "/auth/token/logout_all/",
                204,
                ONCE,
                CURRENT_PASSWORD,
                fresh="device_set",
            ),
        ),
        KNOX: ("knox", call("POST", "/auth/logoutall/", 204, ONCE, fresh="device_set")),
    },
    "password change": {
        OURS: ("ours", SET_PASSWORD_CALL),
        DJOSER: ("djoser 2.3.5", SET_PASSWORD_CALL),
        DJ_REST_AUTH: (
            "dj-rest-auth token",
            call(
                "POST",
                "/auth/password/change/",
                200,
                TOKEN,
                CHANGE_PASSWORD_DJ_REST_AUTH,
            ),
        ),
    },
    "password reset request": {
        OURS: ("ours", RESET_PASSWORD),
        DJOSER: ("djoser 2.3.5", RESET_PASSWORD),
        DJ_REST_AUTH: (
            "dj-rest-auth token",
            call("POST", "/auth/password/reset/", body=EMAIL),
        ),
    },
}

# Fresh credentials: how many devices each fresh user has signed in.
FRESH_KINDS = {"token": 1, "device": 1, "device_set": 3}
