"""Two gunicorn servers on one database serve the same person correctly.

Nothing a second machine would miss may live on one server's disk or in its
memory: a session started on one server must be known to the other.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from initiatives import demo
from tests.bench.loadtest import _opener, _sign_in

pytestmark = pytest.mark.django_db(transaction=True)
BASE_DIR = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url() -> str:
    own = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{own['NAME']}"
    secret = f":{own['PASSWORD']}" if own["PASSWORD"] else ""
    host = own["HOST"] or "127.0.0.1"
    return (
        f"postgres://{own['USER']}{secret}@{host}:{own['PORT'] or 5432}/{own['NAME']}"
    )


@pytest.fixture
def servers():
    gunicorn = Path(sys.executable).parent / "gunicorn"
    ports = [free_port(), free_port()]
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DEBUG": "false",
        "HTTPS": "false",
        "SECRET_KEY": "two-servers-test-secret-0123456789abcdefghijklmnopqrstu",
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    # Production serves hashed static files: collect them as a release would.
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=BASE_DIR, env=env, check=True, timeout=120,
    )  # fmt: skip
    processes = [
        subprocess.Popen(
            [
                str(gunicorn),
                "iruma_dx.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "--log-level",
                "warning",
            ],
            cwd=BASE_DIR,
            env=env,
        )  # fmt: skip
        for port in ports
    ]
    bases = [f"http://127.0.0.1:{port}" for port in ports]
    try:
        for base in bases:
            for _ in range(80):
                try:
                    with _opener().open(f"{base}/healthz", timeout=2):
                        break
                except OSError:
                    time.sleep(0.25)
        yield bases
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=20)


def test_a_session_from_one_server_works_on_the_other(people, servers):
    # The servers hash passwords as production does (the tests use a fast hasher).
    hasher = PBKDF2PasswordHasher()
    people.dxer.password = hasher.encode(demo.DEMO_PASSWORD, hasher.salt())
    people.dxer.save(update_fields=["password"])
    first, second = servers
    opener = _opener()
    _sign_in(opener, first, "dxer")
    with opener.open(f"{second}/", timeout=10) as response:
        body = response.read().decode()
    assert response.url == f"{second}/"
    assert "窓口 花子" in body
    # Signing out on the second server ends the session on the first too.
    with opener.open(f"{second}/accounts/login/", timeout=10) as response:
        token = response.read().decode().split('name="csrfmiddlewaretoken" value="')[1]
    request = urllib.request.Request(
        f"{second}/accounts/logout/",
        data=urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token.split('"')[0]}
        ).encode(),
        headers={"Referer": f"{second}/"},
    )
    opener.open(request, timeout=10).close()
    with opener.open(f"{first}/", timeout=10) as response:
        assert "/accounts/login/" in response.url
