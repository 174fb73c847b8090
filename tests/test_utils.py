"""``djoser.utils``: uid encoding, login and logout helpers, ActionViewMixin."""

import pytest
from django.contrib.auth import SESSION_KEY, user_logged_in, user_logged_out
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.middleware import SessionMiddleware
from django.db import connection, transaction
from django.db.models.signals import pre_save
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.utils.http import urlsafe_base64_encode
from rest_framework import generics, serializers
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory

from djoser import utils
from tests.token_models import is_stored, issue_token, tokens_of


@pytest.fixture
def session_request():
    """``session_request(user, token)``: a POST request with a session, made by
    ``user`` (and authenticated with ``token``, when given)."""

    def make(user, token=None):
        request = APIRequestFactory().post("/")
        SessionMiddleware(lambda request: HttpResponse()).process_request(request)
        request.user = user
        request.auth = token
        return request

    return make


class TestUid:
    @pytest.mark.parametrize("pk", [1, 42, 2**31 - 1, "a-string-key"])
    def test_decode_uid_reverses_encode_uid(self, pk):
        assert utils.decode_uid(utils.encode_uid(pk)) == str(pk)

    def test_encode_uid_is_url_safe_base64_without_padding(self):
        assert utils.encode_uid(1) == "MQ"

    @pytest.mark.parametrize(
        "uid",
        [
            "a",
            "abcde",
            "MQ=x",
            urlsafe_base64_encode(b"\xff\xfe"),
        ],
        ids=["one-character", "bad-length", "misplaced-padding", "not-utf-8"],
    )
    def test_decode_uid_raises_value_error_on_garbage(self, uid):
        with pytest.raises(ValueError):
            utils.decode_uid(uid)


class TestLoginUser:
    def test_login_user_creates_the_users_token(self, session_request, user):
        token = utils.login_user(session_request(AnonymousUser()), user)

        assert token == tokens_of(user).get()

    @pytest.mark.drf_token
    def test_login_user_returns_the_existing_token(self, session_request, user):
        existing = issue_token(user)

        token = utils.login_user(session_request(AnonymousUser()), user)

        assert token == existing
        assert tokens_of(user).count() == 1

    def test_login_user_sends_user_logged_in_once(
        self, session_request, user, signal_calls
    ):
        logged_in = signal_calls(user_logged_in)

        utils.login_user(session_request(AnonymousUser()), user)

        assert [call["user"] for call in logged_in] == [user]

    def test_login_user_moves_last_login(self, session_request, user):
        utils.login_user(session_request(AnonymousUser()), user)

        user.refresh_from_db()
        assert user.last_login is not None

    def test_login_user_leaves_the_session_alone_by_default(
        self, session_request, user
    ):
        request = session_request(AnonymousUser())

        utils.login_user(request, user)

        assert SESSION_KEY not in request.session

    def test_login_user_with_sessions_logs_the_session_in(
        self, djoser_settings, session_request, user, signal_calls
    ):
        djoser_settings(CREATE_SESSION_ON_LOGIN=True)
        logged_in = signal_calls(user_logged_in)
        request = session_request(AnonymousUser())

        utils.login_user(request, user)

        assert request.session[SESSION_KEY] == str(user.pk)
        assert len(logged_in) == 1

    def test_login_is_looked_up_at_call_time(
        self, djoser_settings, monkeypatch, session_request, user
    ):
        djoser_settings(CREATE_SESSION_ON_LOGIN=True)
        logins = []
        monkeypatch.setattr(
            "djoser.utils.login", lambda request, user: logins.append(user)
        )

        utils.login_user(session_request(AnonymousUser()), user)

        assert logins == [user]


class TestLogoutUser:
    def test_logout_user_deletes_the_users_tokens(self, session_request, user):
        token = issue_token(user)

        utils.logout_user(session_request(user, token))

        assert not tokens_of(user).exists()

    def test_logout_user_leaves_other_tokens(self, session_request, user, other_user):
        token = issue_token(user)
        other_token = issue_token(other_user)

        utils.logout_user(session_request(user, token))

        assert is_stored(other_token)

    def test_logout_user_sends_user_logged_out(
        self, session_request, user, signal_calls
    ):
        token = issue_token(user)
        logged_out = signal_calls(user_logged_out)

        utils.logout_user(session_request(user, token))

        assert [call["user"] for call in logged_out] == [user]

    def test_logout_user_with_sessions_ends_the_session(
        self, djoser_settings, session_request, user, signal_calls
    ):
        djoser_settings(CREATE_SESSION_ON_LOGIN=True)
        request = session_request(AnonymousUser())
        # The client then logs out with the token its login answered.
        request.auth = utils.login_user(request, user)
        logged_out = signal_calls(user_logged_out)

        utils.logout_user(request)

        assert SESSION_KEY not in request.session
        assert not tokens_of(user).exists()
        assert [call["user"] for call in logged_out] == [user]

    def test_logout_user_with_token_model_none_keeps_tokens(
        self, djoser_settings, session_request, user
    ):
        token = issue_token(user)
        djoser_settings(TOKEN_MODEL=None)

        utils.logout_user(session_request(user, token))

        assert is_stored(token)


class NumberSerializer(serializers.Serializer):
    number = serializers.IntegerField()


class DoublingView(utils.ActionViewMixin, generics.GenericAPIView):
    serializer_class = NumberSerializer
    authentication_classes = []
    permission_classes = [AllowAny]
    seen = None

    def _action(self, serializer):
        DoublingView.seen = serializer
        return Response({"double": serializer.validated_data["number"] * 2})


class TestActionViewMixin:
    @pytest.fixture(autouse=True)
    def forget(self):
        DoublingView.seen = None

    def post(self, data):
        request = APIRequestFactory().post("/", data, format="json")
        return DoublingView.as_view()(request)

    def test_valid_body_is_handed_to_action(self):
        response = self.post({"number": 21})

        assert response.status_code == 200
        assert response.data == {"double": 42}
        assert isinstance(DoublingView.seen, NumberSerializer)

    def test_invalid_body_answers_400_without_calling_action(self):
        response = self.post({"number": "many"})

        assert response.status_code == 400
        assert set(response.data) == {"number"}
        assert DoublingView.seen is None


@pytest.mark.drf_token
@pytest.mark.django_db(transaction=True)
class TestTokensInAutocommit:
    def test_login_user_reads_the_token_a_concurrent_login_created(
        self, session_request, user
    ):
        def concurrent_login(sender, instance, **kwargs):
            # Another login inserts the token between our read and our INSERT.
            pre_save.disconnect(concurrent_login, sender=Token)
            Token.objects.create(user=instance.user)

        pre_save.connect(concurrent_login, sender=Token, weak=False)
        try:
            token = utils.login_user(session_request(AnonymousUser()), user)
        finally:
            pre_save.disconnect(concurrent_login, sender=Token)

        assert token == Token.objects.get(user=user)

    def test_login_user_creates_a_token_outside_a_transaction(
        self, session_request, user
    ):
        token = utils.login_user(session_request(AnonymousUser()), user)

        assert Token.objects.get(user=user) == token


@pytest.mark.drf_token
def test_tokens_cascade_with_the_user_for_drf_tokens():
    assert utils.tokens_cascade_with_user()


def test_no_token_model_means_no_tokens_to_cascade(djoser_settings):
    djoser_settings(TOKEN_MODEL=None)

    assert not utils.tokens_cascade_with_user()


@pytest.mark.django_db(transaction=True)
class TestUserTransaction:
    """A link's transaction locks the account before it reads it, in one statement."""

    def statements(self, user):
        with CaptureQueriesContext(connection) as captured:
            with utils.user_transaction(type(user)) as using:
                utils.lock_user(type(user), user.pk, using)
        return [query["sql"] for query in captured.captured_queries]

    def test_in_autocommit_it_is_begin_the_locked_read_and_commit(self, user):
        statements = self.statements(user)

        assert len(statements) == 3
        assert statements[1].startswith("SELECT")
        if connection.features.has_select_for_update:
            assert statements[0] == "BEGIN"
            assert "FOR UPDATE" in statements[1]
        else:
            # SQLite has no row locks: the transaction takes the database's
            # write lock as it begins, before the read.
            assert statements[0] == "BEGIN IMMEDIATE"

    @pytest.mark.sqlite
    def test_inside_a_transaction_sqlite_takes_the_lock_with_a_write(self, user):
        with transaction.atomic():
            statements = self.statements(user)

        assert statements[0].startswith("SAVEPOINT")
        assert statements[1].startswith("UPDATE")
        assert statements[2].startswith("SELECT")

    def test_later_transactions_begin_as_before(self, user):
        self.statements(user)

        with CaptureQueriesContext(connection) as captured:
            with transaction.atomic():
                type(user)._default_manager.filter(pk=user.pk).exists()

        assert captured.captured_queries[0]["sql"] == "BEGIN"
