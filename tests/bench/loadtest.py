"""``make loadtest``: staff sign in and use the portal through real gunicorn servers.

Starts two gunicorn instances (several workers each) on loopback against the
database of DATABASE_URL, then lets simulated members of staff sign in and
use the key pages for a fixed time, each person alternating between the two
instances: nothing a second machine would miss may live on one server's disk
or memory. Prints requests per second, the 95th percentile and the errors.
Expects the benchmark's data (``python -m tests.bench bench``); bounded in time.
"""

from __future__ import annotations

import http.cookiejar
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from initiatives import demo

PAGES = {
    "dxer": ["/", "/points/?year=2024", "/points/search/?q=窓口", "/vision/"],
    "head": ["/", "/review/", "/points/search/?principle=2", "/reports/"],
    "dxoffice": ["/", "/dashboard/", "/reports/2023/", "/org/"],
    "viewer": ["/", "/reports/", "/reports/2023/", "/glossary/"],
}
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Results:
    lock: threading.Lock = field(default_factory=threading.Lock)
    times: list[float] = field(default_factory=list)
    sign_ins: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def record(
        self, elapsed: float, error: str | None = None, *, sign_in=False
    ) -> None:
        with self.lock:
            (self.sign_ins if sign_in else self.times).append(elapsed)
            if error:
                self.errors.append(error)


class Command(BaseCommand):
    help = "Load-test the portal through two gunicorn instances (make loadtest)."

    def add_arguments(self, parser):
        parser.add_argument("--users", type=int, default=50)
        parser.add_argument("--seconds", type=int, default=60)
        parser.add_argument("--workers", type=int, default=3, help="per instance")
        parser.add_argument("--ports", default="8101,8102")
        parser.add_argument(
            "--ramp", type=float, default=15.0, help="seconds over which people arrive"
        )
        parser.add_argument(
            "--think",
            type=float,
            default=3.0,
            help="mean seconds a person reads a page before the next click",
        )

    def handle(self, *args, users, seconds, workers, ports, think, ramp, **options):
        if not shutil.which("gunicorn", path=os.path.dirname(sys.executable)):
            raise CommandError("gunicorn is not installed in this environment.")
        ports = [int(port) for port in ports.split(",")]
        # gunicorn serves the hashed static files of a release.
        call_command("collectstatic", interactive=False, verbosity=0)
        servers = [self._start(port, workers) for port in ports]
        try:
            bases = [f"http://127.0.0.1:{port}" for port in ports]
            for base in bases:
                self._wait_until_up(base)
            self.stdout.write(self._cross_instance_check(bases))
            results = Results()
            deadline = time.monotonic() + seconds
            people = [
                threading.Thread(
                    target=self._person,
                    args=(index, bases, deadline, think, results, ramp * index / users),
                    daemon=True,
                )
                for index in range(users)
            ]
            started = time.monotonic()
            for person in people:
                person.start()
            for person in people:
                person.join(timeout=seconds + 60)
            elapsed = time.monotonic() - started
        finally:
            for server in servers:
                server.send_signal(signal.SIGTERM)
            for server in servers:
                try:
                    server.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    server.kill()
        self._report(results, elapsed, users, workers, len(ports))

    def _start(self, port: int, workers: int) -> subprocess.Popen:
        gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
        return subprocess.Popen(
            [gunicorn, "iruma_dx.wsgi", "--bind", f"127.0.0.1:{port}",
             "--workers", str(workers), "--timeout", "30", "--log-level", "warning"],
            cwd=settings.BASE_DIR,
            env={**os.environ, "ALLOWED_HOSTS": "127.0.0.1,localhost"},
        )  # fmt: skip

    def _wait_until_up(self, base: str) -> None:
        for _ in range(60):
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.5)
        raise CommandError(f"{base} did not start.")

    def _cross_instance_check(self, bases: list[str]) -> str:
        """Sign in on one instance, read a signed-in page from the other."""
        opener = _opener()
        _sign_in(opener, bases[0], "dxer")
        with opener.open(f"{bases[-1]}/", timeout=10) as response:
            body = response.read().decode()
        name = "窓口 花子"
        if response.url.endswith("/") and name in body:
            return (
                f"Signed in on {bases[0]}, recognised on {bases[-1]}: "
                "sessions are shared."
            )
        raise CommandError("The second instance did not know the session of the first.")

    def _person(self, index, bases, deadline, think, results: Results, delay) -> None:
        # People arrive over the first seconds, as a morning does; sign-in is
        # deliberately slow (password hashing), so it is measured apart.
        time.sleep(delay)
        randomness = random.Random(index)
        username = list(PAGES)[index % len(PAGES)]
        opener = _opener()
        base = bases[index % len(bases)]
        started = time.monotonic()
        try:
            _sign_in(opener, base, username)
            results.record(time.monotonic() - started, sign_in=True)
        except Exception as error:  # noqa: BLE001 - every failure is a result
            results.record(
                time.monotonic() - started, f"sign-in {username}: {error}", sign_in=True
            )
            return
        step = 0
        while time.monotonic() < deadline:
            time.sleep(randomness.expovariate(1 / think) if think else 0)
            if time.monotonic() >= deadline:
                break
            # Each person's clicks go to both instances in turn.
            page = PAGES[username][step % len(PAGES[username])]
            url = bases[step % len(bases)] + urllib.parse.quote(page, safe="/?&=")
            step += 1
            started = time.monotonic()
            error = None
            try:
                with opener.open(url, timeout=30) as response:
                    response.read()
                    if response.status != 200 or "/accounts/login/" in response.url:
                        error = f"{url}: {response.status} {response.url}"
            except Exception as failure:  # noqa: BLE001 - every failure is a result
                error = f"{url}: {failure}"
            results.record(time.monotonic() - started, error)

    def _report(self, results: Results, elapsed, users, workers, instances) -> None:
        times = sorted(results.times)
        if not times:
            raise CommandError("No request was made.")
        p95 = times[max(0, round(0.95 * len(times)) - 1)]
        sign_ins = sorted(results.sign_ins)
        if sign_ins:
            self.stdout.write(
                f"sign-in: {len(sign_ins)}, median "
                f"{statistics.median(sign_ins) * 1000:.0f} ms, slowest "
                f"{sign_ins[-1] * 1000:.0f} ms (password hashing is slow on purpose)"
            )
        self.stdout.write(
            f"{users} people, {instances} gunicorn instances x {workers} workers, "
            f"{elapsed:.0f} s: {len(times)} page requests, "
            f"{len(times) / elapsed:.1f} req/s, "
            f"median {statistics.median(times) * 1000:.0f} ms, "
            f"p95 {p95 * 1000:.0f} ms, errors {len(results.errors)}"
        )
        for error in results.errors[:10]:
            self.stdout.write(f"  error: {error}")
        verdict = "holds" if p95 < 0.3 and not results.errors else "missed"
        self.stdout.write(f"target p95 < 300 ms and 0 errors: {verdict}")
        if results.errors:
            raise CommandError(f"{len(results.errors)} requests failed.")


def _opener() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )


def _sign_in(opener, base: str, username: str) -> None:
    with opener.open(f"{base}/accounts/login/", timeout=30) as response:
        token = CSRF.search(response.read().decode())[1]
    data = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token,
            "username": username,
            "password": demo.DEMO_PASSWORD,
        }
    ).encode()
    request = urllib.request.Request(
        f"{base}/accounts/login/",
        data=data,
        headers={"Referer": f"{base}/accounts/login/"},
    )
    with opener.open(request, timeout=30) as response:
        if "/accounts/login/" in response.url:
            raise RuntimeError("the sign-in was refused")
