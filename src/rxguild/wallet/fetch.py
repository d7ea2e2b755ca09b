"""Bounded outbound HTTP for badge verification: timeouts, a size limit, public addresses only.

A badge names URLs its issuer controls (the hosted assertion, the badge class, the issuer, a
key, a status list) — and a forged one names whatever its author likes, including addresses
inside our network (169.254.169.254, a database port on 10.x). So every fetch: accepts only
the allowed schemes (https by default) and default ports; resolves the host once and refuses
unless *every* address is public (no loopback, private, link-local, shared or reserved range);
connects to that resolved address (no second lookup an attacker's DNS could answer
differently); re-checks each redirect (at most 3); stops at 1 MB and 5 s per step, 10 s in all.
Tests pass `allow_loopback=True` to reach a server on 127.0.0.1; nothing else does.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urljoin, urlsplit

from rxguild.wallet.errors import BadgeRefused

MAX_BYTES = 1_000_000
STEP_TIMEOUT = 5.0
TOTAL_TIMEOUT = 10.0
MAX_REDIRECTS = 3
USER_AGENT = "RxGuild-badge-verifier/1"


@dataclass(frozen=True)
class Fetched:
    url: str
    status: int
    content_type: str
    body: bytes


class Fetcher(Protocol):
    def __call__(self, url: str) -> Fetched: ...


def _address_allowed(address: str, *, allow_loopback: bool) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if allow_loopback and ip.is_loopback:
        return True
    return ip.is_global and not ip.is_multicast


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self) -> None:
        raw = socket.create_connection((self._address, self.port), self.timeout)
        # Certificate checked against the host name, while the socket goes to the address
        # we vetted.
        self.sock = self._context.wrap_socket(raw, server_hostname=self.host)  # type: ignore[attr-defined]  # set by HTTPSConnection


class SafeFetcher:
    def __init__(
        self,
        *,
        schemes: tuple[str, ...] = ("https",),
        allow_loopback: bool = False,
        max_bytes: int = MAX_BYTES,
    ) -> None:
        self.schemes = schemes
        self.allow_loopback = allow_loopback
        self.max_bytes = max_bytes

    def _resolve(self, host: str, port: int) -> str:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError):
            raise BadgeRefused(f"The badge names a host that does not exist: {host}.") from None
        addresses = [str(info[4][0]) for info in infos]
        if not addresses or not all(
            _address_allowed(a, allow_loopback=self.allow_loopback) for a in addresses
        ):
            raise BadgeRefused(
                f"The badge points at {host}, which is not a public internet address; "
                "it was not fetched."
            )
        return addresses[0]

    def __call__(self, url: str) -> Fetched:
        deadline = time.monotonic() + TOTAL_TIMEOUT
        for _step in range(MAX_REDIRECTS + 1):
            parts = urlsplit(url)
            if parts.scheme not in self.schemes or not parts.hostname:
                raise BadgeRefused(f"Only {' and '.join(self.schemes)} links are followed.")
            if parts.username or parts.password:
                raise BadgeRefused("Links with a user name or password are not followed.")
            default_port = 443 if parts.scheme == "https" else 80
            port = parts.port or default_port
            if port != default_port and not self.allow_loopback:
                raise BadgeRefused("Links to non-standard ports are not followed.")
            address = self._resolve(parts.hostname, port)
            timeout = max(0.1, min(STEP_TIMEOUT, deadline - time.monotonic()))
            connection_class = _PinnedHTTPS if parts.scheme == "https" else _PinnedHTTP
            connection = connection_class(parts.hostname, port, address, timeout)
            path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            try:
                connection.request(
                    "GET",
                    path,
                    headers={
                        "Accept": "application/ld+json, application/json;q=0.9, */*;q=0.5",
                        "User-Agent": USER_AGENT,
                    },
                )
                response = connection.getresponse()
                if response.status in (301, 302, 303, 307, 308):
                    location = response.getheader("Location") or ""
                    url = urljoin(url, location)
                    continue
                declared = response.getheader("Content-Length")
                if declared and declared.isdigit() and int(declared) > self.max_bytes:
                    raise BadgeRefused("The issuer's answer is too large to be a badge.")
                body = b""
                while len(body) <= self.max_bytes:
                    if time.monotonic() > deadline:
                        raise BadgeRefused("The issuer took too long to answer.")
                    chunk = response.read(64 * 1024)
                    if not chunk:
                        break
                    body += chunk
                if len(body) > self.max_bytes:
                    raise BadgeRefused("The issuer's answer is too large to be a badge.")
                return Fetched(
                    url=url,
                    status=response.status,
                    content_type=response.getheader("Content-Type") or "",
                    body=body,
                )
            except (OSError, http.client.HTTPException):
                raise BadgeRefused(
                    f"The issuer's site ({parts.hostname}) could not be reached."
                ) from None
            finally:
                connection.close()
        raise BadgeRefused("The badge's link redirects too many times.")


def default_fetcher() -> Fetcher:
    return SafeFetcher()
