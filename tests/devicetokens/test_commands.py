"""manage.py delete_expired_device_tokens."""

from io import StringIO

from django.core.management import call_command

from djoser.devicetokens.models import DeviceToken
from tests.devicetokens.conftest import hours, me


def run():
    output = StringIO()
    call_command("delete_expired_device_tokens", stdout=output)
    return output.getvalue()


def test_deletes_the_expired_tokens_only(
    login, user, other_user, device_settings, clock
):
    device_settings(LIFETIME=hours(2))
    login(user, device_name="old")
    login(other_user, device_name="old too")
    clock.shift(hours(1))
    fresh = login(user, device_name="fresh")
    device_settings(LIFETIME=None)
    forever = login(other_user, device_name="forever")
    clock.shift(hours(1))

    output = run()

    remaining = DeviceToken.objects.values_list("device_name", flat=True)
    assert sorted(remaining) == ["forever", "fresh"]
    assert output == "Deleted 2 expired device token(s).\n"
    assert me(fresh).status_code == 200
    assert me(forever).status_code == 200


def test_with_nothing_expired_deletes_nothing(login, user):
    login(user)

    assert run() == "Deleted 0 expired device token(s).\n"
    assert DeviceToken.objects.count() == 1
