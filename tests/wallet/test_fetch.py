"""The badge fetcher refuses what a forged badge could point it at (SSRF), and bounds what it
reads. No test leaves this machine: refused addresses are refused before any connection."""

from __future__ import annotations

import pytest
from tests.wallet import badge_fixtures as fx

from rxguild.wallet.errors import BadgeRefused
from rxguild.wallet.fetch import SafeFetcher


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("https://127.0.0.1/badge", "not a public internet address"),
        ("https://localhost/badge", "not a public internet address"),
        ("https://10.0.0.1/badge", "not a public internet address"),
        ("https://192.168.1.1/badge", "not a public internet address"),
        ("https://169.254.169.254/latest/meta-data", "not a public internet address"),
        ("https://[::1]/badge", "not a public internet address"),
        ("https://[::ffff:127.0.0.1]/badge", "not a public internet address"),
        ("https://100.64.0.1/badge", "not a public internet address"),
        ("http://93.184.216.34/badge", "Only https links"),
        ("file:///etc/passwd", "Only https links"),
        ("https://user:secret@93.184.216.34/", "user name or password"),
        ("https://93.184.216.34:8443/", "non-standard ports"),
    ],
    ids=[
        "loopback",
        "localhost",
        "private-10",
        "private-192",
        "cloud-metadata",
        "ipv6-loopback",
        "ipv4-mapped",
        "shared-cgnat",
        "plain-http",
        "file",
        "credentials",
        "odd-port",
    ],
)
def test_the_default_fetcher_refuses(url, message):
    with pytest.raises(BadgeRefused, match=message):
        SafeFetcher()(url)


@pytest.fixture
def server():
    running = fx.BadgeServer()
    yield running
    running.close()


def test_a_redirect_to_a_private_address_is_refused(server):
    server.text("/hop", "", status=302, Location="http://10.0.0.1/admin")
    with pytest.raises(BadgeRefused, match="not a public internet address"):
        fx.test_fetcher()(f"{server.base}/hop")


def test_endless_redirects_stop(server):
    server.text("/loop", "", status=302, Location="/loop")
    with pytest.raises(BadgeRefused, match="redirects too many times"):
        fx.test_fetcher()(f"{server.base}/loop")


def test_an_oversized_answer_is_refused(server):
    server.text("/big", "x" * 1_000_001)
    with pytest.raises(BadgeRefused, match="too large"):
        fx.test_fetcher()(f"{server.base}/big")


def test_a_normal_answer_is_read(server):
    url = server.json("/ok", {"a": 1})
    fetched = fx.test_fetcher()(url)
    assert (fetched.status, fetched.body) == (200, b'{"a": 1}')
