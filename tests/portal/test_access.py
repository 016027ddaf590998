import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/glossary/",
        "/glossary/1/",
        "/glossary/glossary.csv",
        "/healthz",
        "/accounts/login/",
        "/accessibility/",
    ],
)
def test_public_pages_need_no_login(client, url):
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", ["/"])
def test_everything_else_redirects_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


def test_sign_in_and_out(client, plain_user, password):
    response = client.post(
        reverse("login"), {"username": plain_user.username, "password": password}
    )
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    response = client.post(reverse("logout"))
    assert response.status_code == 200
    assert "ログアウトしました" in response.content.decode()
    assert client.get("/").status_code == 302


def test_wrong_password_gets_a_japanese_message(client, plain_user):
    response = client.post(
        reverse("login"), {"username": plain_user.username, "password": "wrong"}
    )
    assert response.status_code == 200
    assert "正しいユーザー名とパスワードを入力してください" in response.content.decode()


def test_japanese_by_default_even_for_an_english_browser(client):
    response = client.get("/glossary/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    body = response.content.decode()
    assert '<html lang="ja">' in body
    assert "用語集" in body


def test_english_on_request(client):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": "/glossary/"}
    )
    assert response.status_code == 302
    body = client.get("/glossary/").content.decode()
    assert '<html lang="en">' in body
    assert "Glossary" in body


def test_base_page_has_skip_link_header_and_main(client, plain_user):
    client.force_login(plain_user)
    body = client.get("/").content.decode()
    assert '<a class="skip-link" href="#main">メインコンテンツへ移動</a>' in body
    assert '<main id="main"' in body
    assert "入間市" in body
    assert "いるまDXポータル" in body


def test_navigation_shows_admin_only_to_staff(client, plain_user, staff_user):
    client.force_login(plain_user)
    assert reverse("admin:index") not in client.get("/").content.decode()
    client.force_login(staff_user)
    assert reverse("admin:index") in client.get("/").content.decode()


def test_no_resource_is_loaded_from_another_host(client):
    body = client.get("/glossary/").content.decode()
    assert "http://" not in body.replace("http://testserver", "")
    assert "https://" not in body
