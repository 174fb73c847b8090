"""Does POST login/code/request/ take longer for an address that has an account?

Alternates requests for an active account's address and for an address no
account has against the test project served over real HTTP, and prints the
median answer time of each and their ratio, which must be within 1.1 on the
task path (the exit status is 1 when it is not); the request path follows
for comparison (``address_timing.py``). The login code limit is off, so
that it does not get in the way.

    .venv/bin/python bench/code_timing.py [--requests 300]
"""

import sys

from address_timing import run

if __name__ == "__main__":
    sys.exit(
        run(
            __doc__.splitlines()[0],
            "/auth/login/code/request/",
            202,
            300,
            djoser={"THROTTLE_RATES": {"login_code_request": None}},
        )
    )
