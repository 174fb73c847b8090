"""TOTP arithmetic: RFC 6238 Appendix B, drift, and single use, by time travel."""

import base64
from datetime import datetime, timezone

import pytest
import time_machine

from djoser.mfa import totp
from djoser.mfa.models import TOTPDevice

# RFC 6238 Appendix B, SHA-1: the 20-byte ASCII key "1234567890" twice.
RFC_SECRET = base64.b32encode(b"12345678901234567890").decode()
RFC_VECTORS = [
    (59, "94287082"),
    (1111111109, "07081804"),
    (1111111111, "14050471"),
    (1234567890, "89005924"),
    (2000000000, "69279037"),
    (20000000000, "65353130"),
]


def moment(seconds):
    return datetime.fromtimestamp(seconds, timezone.utc)


@pytest.fixture
def eight_digits(djoser_settings):
    djoser_settings(MFA={"DIGITS": 8, "DRIFT": 0})


@pytest.mark.parametrize(("seconds", "code"), RFC_VECTORS)
def test_codes_match_rfc_6238_sha1_vectors(eight_digits, seconds, code):
    assert totp.code_at(RFC_SECRET, moment(seconds)) == code


@pytest.mark.parametrize(("seconds", "code"), RFC_VECTORS)
def test_rfc_6238_code_is_accepted_at_its_time_by_time_travel(
    eight_digits, seconds, code
):
    with time_machine.travel(moment(seconds), tick=False):
        assert totp.matching_step(RFC_SECRET, code) == seconds // 30


def test_rfc_code_is_refused_one_step_later_without_drift(eight_digits):
    with time_machine.travel(moment(59 + 30), tick=False):
        assert totp.matching_step(RFC_SECRET, "94287082") is None


def test_new_secret_is_160_bits_of_base32():
    secret = totp.new_secret()

    assert len(base64.b32decode(secret)) == 20
    assert secret != totp.new_secret()


@pytest.mark.parametrize("offset", [-30, 0, 30])
def test_code_one_step_either_side_is_accepted_by_default(offset):
    secret = totp.new_secret()
    code = totp.code_at(secret, moment(1_700_000_000 + offset))

    with time_machine.travel(moment(1_700_000_000), tick=False):
        assert totp.matching_step(secret, code) is not None


@pytest.mark.parametrize("offset", [-60, 60])
def test_code_two_steps_away_is_refused_by_default(offset):
    secret = totp.new_secret()
    code = totp.code_at(secret, moment(1_700_000_010 + offset))

    with time_machine.travel(moment(1_700_000_010), tick=False):
        assert totp.matching_step(secret, code) is None


def test_provisioning_uri_names_issuer_account_and_parameters():
    uri = totp.provisioning_uri(RFC_SECRET, "alice", "Example")

    assert uri.startswith("otpauth://totp/Example:alice?")
    assert f"secret={RFC_SECRET}" in uri
    assert "issuer=Example" in uri


def test_qr_code_is_an_svg_document():
    svg = totp.qr_svg("otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP")

    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert svg.rstrip().endswith("</svg>")


class TestSingleUse:
    @pytest.fixture
    def device(self, user):
        device = TOTPDevice.offer(user, totp.new_secret())
        device.confirm()
        return device

    def test_code_is_accepted_once(self, device):
        with time_machine.travel(moment(1_700_000_000), tick=False):
            code = totp.code_at(device.secret)
            assert device.accept(code)
            assert not TOTPDevice.objects.get(pk=device.pk).accept(code)

    def test_code_of_an_earlier_step_is_refused_after_a_later_one(self, device):
        at = moment(1_700_000_000)
        earlier = totp.code_at(device.secret, moment(1_700_000_000 - 30))
        with time_machine.travel(at, tick=False):
            assert device.accept(totp.code_at(device.secret))
            assert not device.accept(earlier)

    def test_next_steps_code_is_accepted_after_this_one(self, device):
        with time_machine.travel(moment(1_700_000_000), tick=False):
            assert device.accept(totp.code_at(device.secret))
        with time_machine.travel(moment(1_700_000_030), tick=False):
            assert device.accept(totp.code_at(device.secret))
