import time

import pytest
from django.conf import settings

from iruma_dx.middleware import SessionLimitMiddleware

pytestmark = pytest.mark.django_db


def _age_session(client, *, login_ago: int, seen_ago: int) -> None:
    session = client.session
    now = int(time.time())
    session[SessionLimitMiddleware.LOGIN_AT] = now - login_ago
    session[SessionLimitMiddleware.SEEN_AT] = now - seen_ago
    session.save()


def test_an_active_session_goes_on(client, plain_user):
    client.force_login(plain_user)
    _age_session(client, login_ago=3600, seen_ago=60)
    assert client.get("/").status_code == 200


def test_session_ends_after_8_hours(client, plain_user):
    client.force_login(plain_user)
    _age_session(client, login_ago=settings.SESSION_ABSOLUTE_SECONDS + 1, seen_ago=10)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    page = client.get(response["Location"]).content.decode()
    assert "8時間" in page
    assert client.get("/").status_code == 302


def test_session_ends_when_idle(client, plain_user):
    client.force_login(plain_user)
    _age_session(client, login_ago=600, seen_ago=settings.SESSION_IDLE_SECONDS + 1)
    response = client.get("/")
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "操作がなかった" in page


def test_session_cookie_ends_with_the_browser():
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
