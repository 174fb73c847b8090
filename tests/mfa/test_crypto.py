"""Secrets at rest: Fernet with rotation, keys derived from SECRET_KEY."""

from cryptography.fernet import Fernet

from djoser.mfa import crypto
from djoser.mfa.models import RecoveryCode, TOTPDevice
from tests.mfa.conftest import enrol


def test_default_key_is_derived_from_secret_key(settings):
    token = crypto.encrypt("JBSWY3DPEHPK3PXP")
    settings.SECRET_KEY = "another-secret-key-entirely-different"

    assert crypto.decrypt(token) is None


def test_old_secret_key_in_fallbacks_still_decrypts(settings):
    old_key = settings.SECRET_KEY
    token = crypto.encrypt("JBSWY3DPEHPK3PXP")
    settings.SECRET_KEY = "another-secret-key-entirely-different"
    settings.SECRET_KEY_FALLBACKS = [old_key]

    assert crypto.decrypt(token) == "JBSWY3DPEHPK3PXP"


def test_encryption_keys_rotate_newest_first(djoser_settings):
    old, new = Fernet.generate_key(), Fernet.generate_key()
    djoser_settings(MFA={"ENCRYPTION_KEYS": [old]})
    token = crypto.encrypt("JBSWY3DPEHPK3PXP")
    djoser_settings(MFA={"ENCRYPTION_KEYS": [new, old]})

    assert crypto.decrypt(token) == "JBSWY3DPEHPK3PXP"
    assert Fernet(new).decrypt(crypto.encrypt("x").encode()) == b"x"


def test_device_with_an_unreadable_secret_accepts_no_code(user, djoser_settings):
    enrolled = enrol(user)
    djoser_settings(MFA={"ENCRYPTION_KEYS": [Fernet.generate_key()]})

    assert not TOTPDevice.objects.get(user=user).accept(enrolled.code())


def test_database_holds_neither_secret_nor_codes(user):
    enrolled = enrol(user)

    device = TOTPDevice.objects.get(user=user)
    assert enrolled.secret not in device.encrypted_secret
    digests = set(RecoveryCode.objects.values_list("digest", flat=True))
    assert not any(code.replace("-", "") in digests for code in enrolled.recovery_codes)


def test_recovery_code_digest_is_keyed_by_secret_key(user, settings):
    enrolled = enrol(user)
    settings.SECRET_KEY = "another-secret-key-entirely-different"

    assert not RecoveryCode.objects.use(user, enrolled.recovery_codes[0])
