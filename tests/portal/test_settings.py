"""Production settings come from the environment and pass check --deploy."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "k8Jq2vXw9!pR4tZ7mN1sB6yH3cF5gL0aD8eU2iO9wQ4xV7nM1zT6",
    "ALLOWED_HOSTS": "dx-portal.city.iruma.lg.jp",
    "CSRF_TRUSTED_ORIGINS": "https://dx-portal.city.iruma.lg.jp",
    "HTTPS": "true",
}


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION}
    clean.pop("DATABASE_URL", None)
    clean.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_missing_secret_key_is_a_clear_error():
    env = {**PRODUCTION, "SECRET_KEY": ""}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_settings_defaults():
    from django.conf import settings

    assert settings.TIME_ZONE == "Asia/Tokyo"
    assert settings.USE_TZ is True
    assert settings.LANGUAGE_CODE == "ja"
    assert [code for code, _name in settings.LANGUAGES] == ["ja", "en"]
    assert settings.MUNICIPALITY_NAME == "入間市"
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    assert "django.contrib.auth.middleware.LoginRequiredMiddleware" in (
        settings.MIDDLEWARE
    )


@pytest.mark.parametrize("name", ["403.html", "404.html", "500.html"])
def test_error_pages_exist_in_japanese(name):
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override("ja"):
        html = render_to_string(name)
    assert '<html lang="ja">' in html
    assert "ホームに戻る" in html


def test_the_open_data_licence_is_one_of_two():
    from django.conf import settings

    assert settings.OPEN_DATA_LICENCE == "CC-BY-4.0"
    result = _manage("check", env={**PRODUCTION, "OPEN_DATA_LICENCE": "MIT"})
    assert result.returncode != 0
    assert "OPEN_DATA_LICENCE is 'MIT': use CC-BY-4.0 or PDL-1.0." in result.stderr
    result = _manage("check", env={**PRODUCTION, "OPEN_DATA_LICENCE": "PDL-1.0"})
    assert result.returncode == 0, result.stderr
