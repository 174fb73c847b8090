"""``/webauthn-example/``: folded into the demo app's passkey pages."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_old_address_opens_the_demos_passkey_login(client):
    response = client.get("/webauthn-example/")

    assert response.status_code == 302
    assert response["Location"] == "/#/passkey/login"


def test_the_demo_serves_the_passkey_pages_it_replaces(client):
    page = client.get("/").content.decode()

    assert "sections/passkeys.js" in page
