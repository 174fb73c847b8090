"""testproject's settings, with passkeys answering the e2e server's origin.

The server runs on a free port, so the origin that passkey answers must come
from (``WEBAUTHN["ORIGIN"]``) is given in ``DJOSER_E2E_ORIGIN``. The RP ID
stays ``localhost``: the browser opens the demo at ``http://localhost:PORT``.
"""

import os

from testproject.settings import *  # noqa: F403
from testproject.settings import DJOSER

DJOSER = {
    **DJOSER,
    "WEBAUTHN": {**DJOSER["WEBAUTHN"], "ORIGIN": os.environ["DJOSER_E2E_ORIGIN"]},
}

# Every e2e test signs up from 127.0.0.1: more accounts than the recommended
# user_create rate lets one address create in an hour.
DJOSER["THROTTLE_RATES"] = {**DJOSER["THROTTLE_RATES"], "user_create": "100/hour"}
