"""Beyond one machine (issue #18): two app server processes, one task worker, PostgreSQL, Redis
and a local S3-compatible server (moto) together, as production runs them. A session made on
one server is good on the other; the password-reset limit and the failed-log-in limit count
across both (in Redis); a file
uploaded through one lands in the bucket; a data export asked for on one is built by the RQ
worker from that file and downloaded whole through the other.

Runs in the PostgreSQL pass of the suite (CI: .ci/run). Its database is `<test database>_stack`,
made fresh and dropped after; Redis is database 6 (RXGUILD_STACK_REDIS_URL), and only the keys
this test makes are deleted."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Iterator
from http.cookiejar import CookieJar
from typing import Any

import boto3
import psycopg
import pytest
import redis
from moto.server import ThreadedMotoServer
from tests.ce.conftest import certificate_pdf
from tests.core.test_serve import ROOT, _free_port, get, start_serve, stop_serve

REDIS_URL = os.environ.get("RXGUILD_STACK_REDIS_URL", "redis://127.0.0.1:6379/6")
BUCKET = "rxguild-stack"
EMAIL, PASSWORD = "stack@example.org", "a long enough passphrase 2026"
GUESSED = "guessed@example.org"  # the address whose password is guessed at (its own limit)
THROTTLED = b"Too many failed login attempts"

pytestmark = [
    pytest.mark.stack,
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="needs PostgreSQL: runs in the PostgreSQL pass of the suite",
    ),
]


def _admin(url: str) -> psycopg.Connection[Any]:
    parts = urllib.parse.urlsplit(url)
    return psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True)


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    cache = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    cache.ping()
    url = os.environ["DATABASE_URL"].rstrip("/") + "_stack"
    name = urllib.parse.urlsplit(url).path.lstrip("/")
    with _admin(url) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    s3_port = _free_port()
    s3 = ThreadedMotoServer(ip_address="127.0.0.1", port=s3_port, verbose=False)
    s3.start()
    aws = {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_S3_ENDPOINT_URL": f"http://127.0.0.1:{s3_port}",
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
    }
    bucket = boto3.client(
        "s3",
        endpoint_url=aws["AWS_S3_ENDPOINT_URL"],
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    bucket.create_bucket(Bucket=BUCKET)
    settings = {"DATABASE_URL": url, "REDIS_URL": REDIS_URL, "WEB_CONCURRENCY": "1", **aws}
    place = tmp_path_factory.mktemp("stack")
    # One: gunicorn and the RQ worker (scripts/serve.py); two: a second gunicorn of its own.
    first, serve, serve_log = start_serve(place, ready=b"Listening on", **settings)
    env = {**_env(), **settings, "MEDIA_ROOT": str(place / "uploads")}
    second_port = _free_port()
    second_log = (place / "second.log").open("w+b")
    second = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py"],
        cwd=ROOT,
        env={**env, "PORT": str(second_port)},
        stdout=second_log,
        stderr=second_log,
    )
    other = f"http://127.0.0.1:{second_port}"
    for _ in range(300):
        try:
            if get(other + "/healthz")[0] == 200:
                break
        except OSError:
            pass
        time.sleep(0.2)
    _make_member(env)
    yield {"first": first, "second": other, "bucket": bucket}
    for process in (serve, second):
        stop_serve(process)
    serve_log.close()
    second_log.close()
    s3.stop()
    keys = [*cache.scan_iter(match="rxguild:*"), *cache.scan_iter(match="rq:*")]
    if keys:
        cache.delete(*keys)
    with _admin(url) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _env() -> dict[str, str]:
    return {
        key: value
        for key, value in os.environ.items()
        if key not in {"RXGUILD_TESTING", "DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
        and not key.startswith("PYTEST")
    } | {"PYTHONPATH": str(ROOT / "src"), "DEBUG": "0", "LOG_REQUESTS": "1"}


def _make_member(env: dict[str, str]) -> None:
    script = (
        "from allauth.account.models import EmailAddress\n"
        "from rxguild.accounts.models import User\n"
        "from rxguild.accounts.services import member_signup_complete\n"
        f"for email in ({EMAIL!r}, {GUESSED!r}):\n"
        "    u = User.objects.create_user(email=email, username=email, "
        f"password={PASSWORD!r}, first_name='Sam')\n"
        "    EmailAddress.objects.create(user=u, email=u.email, verified=True, primary=True)\n"
        "    member_signup_complete(user=u)\n"
    )
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=120,
    )


class Browser:
    """One member's browser: a cookie jar shared by both servers (cookies ignore ports)."""

    def __init__(self) -> None:
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def open(self, url: str, data: dict[str, Any] | bytes | None = None, **headers: str) -> Any:
        body = urllib.parse.urlencode(data).encode() if isinstance(data, dict) else data
        request = urllib.request.Request(url, data=body, headers=headers)  # noqa: S310
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read(), response.geturl()
        except urllib.error.HTTPError as error:
            return error.code, error.read(), url

    def csrf(self, url: str) -> str:
        _status, page, _url = self.open(url)
        found = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert found is not None, url
        return found.group(1).decode()

    def cookie(self, name: str) -> str:
        return next(cookie.value or "" for cookie in self.jar if cookie.name == name)

    def log_in(self, base: str, password: str, email: str = EMAIL) -> tuple[int, bytes, str]:
        """The answer to the log-in form: status, page and where it landed."""
        token = self.csrf(base + "/accounts/login/")
        form = {"csrfmiddlewaretoken": token, "login": email, "password": password}
        status, page, landed = self.open(base + "/accounts/login/", form, Referer=base)
        return int(status), page, urllib.parse.urlsplit(landed).path

    def reset_password(self, base: str) -> int:
        token = self.csrf(base + "/accounts/password/reset/")
        form = {"csrfmiddlewaretoken": token, "email": EMAIL}
        return int(self.open(base + "/accounts/password/reset/", form, Referer=base)[0])


def _multipart(field: str, filename: str, content: bytes, token: str) -> tuple[bytes, str]:
    boundary = "rxguildstackboundary"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
            f"{token}\r\n--{boundary}\r\nContent-Disposition: form-data; "
            f'name="{field}"; filename="{filename}"\r\nContent-Type: application/pdf\r\n\r\n'
        ).encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return body, f"multipart/form-data; boundary={boundary}"


def test_sessions_limits_uploads_and_tasks_work_across_the_servers(stack: dict[str, Any]) -> None:
    first, second, bucket = stack["first"], stack["second"], stack["bucket"]

    # The password-reset limit (5 a minute per address) is counted in Redis, across both.
    stranger = Browser()
    answers = [stranger.reset_password(base) for base in (first, second) * 3]
    assert answers == [200] * 5 + [429]  # the sixth, on the second server, is refused

    # A session made on one server is good on the other.
    member = Browser()
    assert member.log_in(first, PASSWORD)[0] == 200
    status, _page, landed = member.open(second + "/account/")
    assert (status, urllib.parse.urlsplit(landed).path) == (200, "/account/")  # not the log-in page

    # An upload through the second server lands in the bucket.
    pdf = certificate_pdf(["Certificate of completion", "Sterile compounding"])
    body, kind = _multipart(
        "file", "certificate.pdf", pdf, member.csrf(second + "/ce/certificates/upload/")
    )
    status, _page, _url = member.open(
        second + "/ce/certificates/upload/", body, **{"Content-Type": kind, "Referer": second}
    )
    assert status == 200
    stored = [item["Key"] for item in bucket.list_objects_v2(Bucket=BUCKET).get("Contents", [])]
    assert len(stored) == 1

    # An export asked for on the first server is built by the RQ worker and downloaded,
    # with the uploaded file in it, through the second.
    headers = {"X-CSRFToken": member.cookie("csrftoken"), "Referer": first}
    status, answer, _url = member.open(first + "/api/v1/accounts/data/exports", b"", **headers)
    assert status == 202, answer
    for _ in range(120):
        exports = json.loads(member.open(second + "/api/v1/accounts/data/exports")[1])
        if exports[0]["status"] in ("ready", "failed"):
            break
        time.sleep(0.5)
    assert exports[0]["status"] == "ready"
    status, archive, _url = member.open(second + exports[0]["download_url"])
    assert status == 200
    with zipfile.ZipFile(io.BytesIO(archive)) as export:
        assert export.read(f"files/{stored[0]}") == pdf
    assert len(bucket.list_objects_v2(Bucket=BUCKET)["Contents"]) == 2  # the upload, the ZIP


def test_five_failed_log_ins_spread_over_both_servers_lock_the_address_on_both(
    stack: dict[str, Any],
) -> None:
    # ACCOUNT_RATE_LIMITS["login_failed"]: 5 failures per address in 5 minutes, counted in Redis.
    first, second = stack["first"], stack["second"]
    attacker = Browser()
    for base in (first, second, first, second, first):  # three on one server, two on the other
        status, page, landed = attacker.log_in(base, "not the password", email=GUESSED)
        assert (status, landed, THROTTLED in page) == (200, "/accounts/login/", False)
    # Now the right password is refused on both servers, for a fresh browser too.
    for base in (second, first):
        owner = Browser()
        status, page, landed = owner.log_in(base, PASSWORD, email=GUESSED)
        assert (status, landed, THROTTLED in page) == (200, "/accounts/login/", True), base
        status, _page, landed = owner.open(base + "/account/")
        assert urllib.parse.urlsplit(landed).path == "/accounts/login/"  # not signed in
    # The limit is the address's: another member signs in on either server as usual.
    assert Browser().log_in(second, PASSWORD)[2] != "/accounts/login/"


def test_the_stack_reports_itself_ready_on_both_servers(stack: dict[str, Any]) -> None:
    for base in (stack["first"], stack["second"]):
        status, body, _headers = get(base + "/readyz")
        checks = json.loads(body)["checks"]
        assert status == 200, checks
        assert checks["storage"]["backend"] == "S3Storage"
        assert checks["queue"]["backend"] == "RQBackend"
        assert checks["cache"]["backend"] == "RedisCache"
        assert checks["database"]["vendor"] == "postgresql"
