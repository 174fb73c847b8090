"""A plain OAuth2 backend (no OpenID Connect) for the test provider."""

from social_core.backends.oauth import BaseOAuth2PKCE


class LocalOAuth2(BaseOAuth2PKCE):
    """OAuth2 with PKCE; its endpoints come from SOCIAL_AUTH_LOCAL_OAUTH2_* settings."""

    name = "local-oauth2"
    ID_KEY = "sub"
    REDIRECT_STATE = False
    ACCESS_TOKEN_METHOD = "POST"
    DEFAULT_SCOPE = ["profile", "email"]

    def authorization_url(self):
        return self.setting("AUTHORIZATION_URL")

    def access_token_url(self):
        return self.setting("ACCESS_TOKEN_URL")

    def user_data(self, access_token, *args, **kwargs):
        return self.get_json(
            self.setting("USERINFO_URL"),
            headers={"Authorization": f"Bearer {access_token}"},
        )

    def get_user_details(self, response):
        return {
            "username": response.get("preferred_username"),
            "email": response.get("email"),
            "first_name": response.get("given_name"),
            "last_name": response.get("family_name"),
        }
