"""An admin site whose login asks for the two-factor code.

``djoser.mfa.apps.MFAAdminConfig`` makes it ``admin.site``; a project with
its own ``AdminSite`` subclass sets ``login_form`` and ``login_template``
as below, or inherits from this class.
"""

from django.contrib import admin

from djoser.mfa.forms import SecondStepAdminAuthenticationForm


class SecondStepAdminSite(admin.AdminSite):
    login_form = SecondStepAdminAuthenticationForm
    login_template = "djoser_mfa/admin_login.html"
