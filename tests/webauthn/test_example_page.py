"""The demo project's passkey page at ``/webauthn-example/``."""

import re

import pytest
from django.urls import resolve

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(client):
    response = client.get("/webauthn-example/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_sets_a_csrf_cookie_for_its_requests(client):
    response = client.get("/webauthn-example/")

    assert "csrftoken" in response.cookies


def test_every_api_path_the_page_calls_exists(page):
    api = re.search(r'const API = "([^"]+)"', page).group(1)
    # Literal paths only; "signup/" + ukey and "passkeys/" + id are below.
    paths = set(re.findall(r'api\("(?:GET|POST|DELETE)", "([^"]+)"[,)]', page))

    assert paths == {
        "signup_request/",
        "login_request/",
        "login/",
        "passkeys/",
        "passkeys/add_request/",
        "passkeys/add/",
    }
    for path in paths:
        resolve(api + path)
    resolve(api + "signup/some-ukey/")
    resolve(api + "passkeys/1/")


def test_the_page_loads_nothing_from_elsewhere(page):
    assert not re.search(r"<(script|link)[^>]+(src|href)=", page)
