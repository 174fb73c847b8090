"""The Django admin's login with the two-factor code.

With ``djoser.mfa`` installed, Django's default admin site (``admin.site``)
gets the login form and template that ask for the code, unless the project
gave it its own. A project with an ``AdminSite`` of its own subclasses
``SecondStepAdminSite``, or sets the two attributes as it does; check
``djoser.W512`` names a mounted site whose login does not ask.
"""

from django.apps import apps
from django.contrib import admin

from djoser.mfa.forms import SecondStepAdminAuthenticationForm

LOGIN_TEMPLATE = "djoser_mfa/admin_login.html"


class SecondStepAdminSite(admin.AdminSite):
    login_form = SecondStepAdminAuthenticationForm
    login_template = LOGIN_TEMPLATE


def guard_default_site():
    """Give ``admin.site`` the login that asks for the code, where the project
    left Django's (called once the apps are ready)."""
    if not apps.is_installed("django.contrib.admin"):
        return
    site = admin.site
    if site.login_form is None and site.login_template is None:
        site.login_form = SecondStepAdminAuthenticationForm
        site.login_template = LOGIN_TEMPLATE
