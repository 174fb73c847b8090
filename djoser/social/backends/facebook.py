from social_core.backends.facebook import FacebookOAuth2


class FacebookOAuth2Override(FacebookOAuth2):
    """Facebook's OAuth2 backend with the ``state`` parameter alone.

    With ``REDIRECT_STATE`` on, social-core appends ``redirect_state`` to the
    redirect URI; Facebook compares redirect URIs exactly, so the single-page
    app's URI must reach it unchanged. social-core 4.5 to 7.x already turn it
    off for Facebook: this class pins that, under djoser 2.x's import path.
    """

    REDIRECT_STATE = False
