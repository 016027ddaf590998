"""Headers from Django's deployment checklist and our Content-Security-Policy."""

import pytest

PAGES = ["/glossary/", "/accounts/login/", "/", "/vision/", "/points/search/"]


@pytest.mark.parametrize("url", PAGES)
def test_every_page_sends_the_security_headers(client_as, url):
    response = client_as("dxer").get(url)
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self';" in policy and "unsafe-inline" not in policy
    assert "style-src 'self';" in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_no_page_carries_inline_script_or_style(client_as, make_year):
    make_year(2024)
    for url in PAGES:
        body = client_as("dxer").get(url).content.decode()
        assert "<script>" not in body and "style=" not in body, url
        assert "<style" not in body, url


def test_signing_out_ends_the_session_on_the_server(client_as):
    from django.contrib.sessions.models import Session

    client = client_as("dxer")
    key = client.session.session_key
    assert Session.objects.filter(session_key=key).exists()
    client.post("/accounts/logout/")
    assert not Session.objects.filter(session_key=key).exists()
    assert client.get("/").status_code == 302
