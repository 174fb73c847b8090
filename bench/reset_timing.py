"""Does POST users/reset_password/ take longer for an address that has an account?

Alternates requests for an account's address and for an address no account
has against the demo project served over real HTTP, and prints the median
response time of each and their ratio, which must be within 1.1 on the task
path (the exit status is 1 when it is not); the request path, which sends
the email before answering, follows for comparison (``address_timing.py``).
The reset limit is off, so that it does not get in the way.

    .venv/bin/python bench/reset_timing.py [--requests 400]
"""

import sys

from address_timing import run

if __name__ == "__main__":
    sys.exit(
        run(
            __doc__.splitlines()[0],
            "/auth/users/reset_password/",
            204,
            400,
            djoser={"THROTTLE_RATES": {"password_reset": None}},
        )
    )
