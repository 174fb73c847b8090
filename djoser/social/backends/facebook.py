from social_core.backends.facebook import FacebookOAuth2


class FacebookOAuth2Override(FacebookOAuth2):
    """Facebook's OAuth2 backend with the ``state`` parameter alone.

    social-core appends ``redirect_state`` to the redirect URI by default;
    Facebook compares redirect URIs exactly, so the single-page app's URI must
    reach it unchanged.
    """

    REDIRECT_STATE = False
