"""django-rest-knox with its defaults, as its guide sets it up.

knox's token class is the only authentication class, and its login view
takes HTTP Basic credentials (urls_knox.py), as its guide shows.
"""

from bench_project.common import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "knox"]  # noqa: F405
ROOT_URLCONF = "bench_project.urls_knox"
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_AUTHENTICATION_CLASSES": ["knox.auth.TokenAuthentication"],
}
