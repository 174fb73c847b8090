"""The app itself: its label, its ids, and migrations that match the model."""

from io import StringIO

from django.apps import apps
from django.core.management import call_command

from djoser.devicetokens.models import DeviceToken


def test_the_label_does_not_clash_with_drfs_authtoken():
    config = apps.get_app_config("djoser_devicetokens")

    assert config.name == "djoser.devicetokens"
    assert apps.get_app_config("authtoken").name == "rest_framework.authtoken"


def test_ids_are_64_bit():
    assert DeviceToken._meta.pk.get_internal_type() == "BigAutoField"


def test_the_migrations_match_the_model(db):
    output = StringIO()

    # --check exits non-zero when the model has changes no migration holds.
    call_command(
        "makemigrations",
        "djoser_devicetokens",
        check=True,
        dry_run=True,
        stdout=output,
    )

    assert "No changes detected" in output.getvalue()
