"""When a provider's word about an email address is good enough.

Two questions, kept apart:

- Did the provider say it *verified* the address? OpenID Connect providers
  answer with an ``email_verified`` claim (Apple sends it as the string
  ``"true"``). ``False`` is a clear no; plain OAuth2 providers (GitHub,
  Facebook) say nothing either way.
- Is the provider *trusted* for the address? A provider that says it
  verified ``alice@corp.example`` may still be one where anyone can write
  any address into a profile; only the project knows which providers it
  believes, and for which domains: ``SOCIAL_AUTH_TRUSTED_EMAIL_PROVIDERS``.

Linking a provider account to an existing account by its address needs
both. Storing the address on a new account needs only that the provider did
not say it is unverified.
"""

from djoser.conf import settings

ANY_DOMAIN = "*"


def verified_claim(response, email):
    """True, False or None: what the provider's answer says about ``email``.

    A claim about another address than the one the account would get is no
    claim about this one.
    """
    if not isinstance(response, dict) or not isinstance(email, str):
        return None
    claimed = response.get("email")
    if isinstance(claimed, str) and claimed.casefold() != email.casefold():
        return None
    value = response.get("email_verified")
    if isinstance(value, str):
        value = {"true": True, "false": False}.get(value.strip().lower())
    return value if isinstance(value, bool) else None


def domain_of(email):
    return email.rpartition("@")[2].strip().lower()


def trusted_domains(provider):
    """The domains ``provider`` is trusted for: a set, ANY_DOMAIN, or empty."""
    trusted = settings.SOCIAL_AUTH_TRUSTED_EMAIL_PROVIDERS or {}
    if isinstance(trusted, (list, tuple, set)):
        return ANY_DOMAIN if provider in trusted else set()
    domains = trusted.get(provider) if isinstance(trusted, dict) else None
    if domains == ANY_DOMAIN or domains is True:
        return ANY_DOMAIN
    if isinstance(domains, (list, tuple, set)):
        return {str(domain).lower() for domain in domains}
    return set()


def is_trusted_for(provider, email):
    domains = trusted_domains(provider)
    return domains == ANY_DOMAIN or domain_of(email) in domains


def may_link_by_email(provider, response, email):
    """Whether ``email`` from ``provider`` may sign in to the account holding it."""
    if not email:
        return False
    return verified_claim(response, email) is True and is_trusted_for(provider, email)


def is_unverified(response, email):
    """Whether the provider said, in so many words, that it did not verify ``email``."""
    return verified_claim(response, email) is False
