"""Repeated failed sign-ins lock the user name (not the address) for a while."""

import pytest
import time_machine
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings

LOGIN = "/accounts/login/"


def attempt(client, username: str, password: str, address: str = "10.1.2.3"):
    return client.post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address
    )


@pytest.fixture(autouse=True)
def _clean_axes(db):
    AccessAttempt.objects.all().delete()


def test_user_name_is_locked_after_the_limit(client, people, password):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "dxer", "wrong").status_code == 200
    locked = attempt(client, "dxer", "wrong")
    assert locked.status_code == 429
    body = locked.content.decode()
    assert "ログインを一時的に停止しています" in body
    assert "15分後" in body
    # Even the right password is refused while locked.
    assert attempt(client, "dxer", password).status_code == 429


def test_another_user_name_from_the_same_address_still_signs_in(
    client, people, password
):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "dxer", "wrong")
    response = attempt(client, "head", password)
    assert response.status_code == 302


def test_the_lock_ends_after_the_cool_off(client, people, password):
    with time_machine.travel("2025-04-10 09:00 +09:00", tick=False):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            attempt(client, "dxer", "wrong")
        assert attempt(client, "dxer", password).status_code == 429
    with time_machine.travel("2025-04-10 09:16 +09:00", tick=False):
        assert attempt(client, "dxer", password).status_code == 302


def test_failed_and_successful_sign_ins_are_recorded(client, people, password):
    attempt(client, "dxer", "wrong", address="10.9.8.7")
    attempt(client, "dxer", password, address="10.9.8.7")
    failure = AccessFailureLog.objects.get()
    assert (failure.username, failure.ip_address) == ("dxer", "10.9.8.7")
    assert failure.attempt_time is not None
    success = AccessLog.objects.get()
    assert (success.username, success.ip_address) == ("dxer", "10.9.8.7")


def test_behind_the_proxy_the_forwarded_address_is_recorded(client, people, settings):
    settings.BEHIND_PROXY = True
    client.post(
        LOGIN,
        {"username": "dxer", "password": "wrong"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.9, 10.20.30.40",
    )
    assert AccessFailureLog.objects.get().ip_address == "10.20.30.40"
