"""Badges from elsewhere for the import tests, served by a real HTTP server on 127.0.0.1
(no test reaches the internet) and read through the real fetcher, loopback allowed."""

from __future__ import annotations

import base64
import json
import struct
import threading
import zlib
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from joserfc.jwk import ECKey

from rxguild.wallet import statuslist
from rxguild.wallet.fetch import SafeFetcher
from rxguild.wallet.vc import Achievement, credential_build, identity_hash, vc_jwt_sign

OB2_CONTEXT = "https://w3id.org/openbadges/v2"


class BadgeServer:
    """routes: path -> (status, content type, body bytes, extra headers)."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, str, bytes, dict[str, str]]] = {}
        routes = self.routes

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                status, content_type, body, headers = routes.get(
                    self.path, (404, "text/plain", b"not found", {})
                )
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def json(self, path: str, data: Any, status: int = 200) -> str:
        self.routes[path] = (status, "application/json", json.dumps(data).encode(), {})
        return self.base + path

    def text(self, path: str, text: str, status: int = 200, **headers: str) -> str:
        self.routes[path] = (status, "text/plain", text.encode(), headers)
        return self.base + path

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_fetcher() -> SafeFetcher:
    return SafeFetcher(schemes=("http", "https"), allow_loopback=True)


def ob2_badge(
    server: BadgeServer, email: str, *, name: str = "abc", **assertion_fields: Any
) -> str:
    """A Credly-like hosted PTCB badge; returns the hosted assertion URL."""
    issuer_url = server.json(
        "/issuers/ptcb",
        {
            "@context": OB2_CONTEXT,
            "type": "Profile",
            "id": f"{server.base}/issuers/ptcb",
            "name": "Pharmacy Technician Certification Board",
            "url": "https://www.ptcb.org",
        },
    )
    badge_url = server.json(
        "/badges/cpht",
        {
            "@context": OB2_CONTEXT,
            "type": "BadgeClass",
            "id": f"{server.base}/badges/cpht",
            "name": "Certified Pharmacy Technician (CPhT)",
            "description": "Awarded on passing the PTCE.",
            "issuer": issuer_url,
            "criteria": {"narrative": "Pass the PTCE."},
        },
    )
    assertion = {
        "@context": OB2_CONTEXT,
        "type": "Assertion",
        "id": f"{server.base}/assertions/{name}",
        "recipient": {
            "type": "email",
            "hashed": True,
            "salt": "pepper",
            "identity": identity_hash(email.lower(), "pepper"),
        },
        "badge": badge_url,
        "issuedOn": "2024-03-01T00:00:00Z",
        "verification": {"type": "hosted"},
        **assertion_fields,
    }
    return server.json(f"/assertions/{name}", assertion)


def did_jwk(key: ECKey) -> str:
    public = json.dumps(key.as_dict(private=False), separators=(",", ":")).encode()
    return "did:jwk:" + base64.urlsafe_b64encode(public).decode().rstrip("=")


def ob3_jwt(
    key: ECKey,
    *,
    issuer_id: str,
    kid: str,
    email: str,
    credential_id: str = "urn:uuid:6a8f0c3e-0d6e-4a4c-9d1b-1f0f3a5b2c7d",
    valid_until: datetime | None = None,
    status: dict[str, Any] | None = None,
    valid_from: datetime | None = None,
) -> str:
    credential = credential_build(
        credential_id=credential_id,
        issuer={"id": issuer_id, "type": ["Profile"], "name": "Sterile Compounding Academy"},
        achievement=Achievement(
            id="urn:uuid:achievement-1",
            name="Aseptic technique",
            description="Passed a media-fill test.",
            criteria="Observed media fill.",
        ),
        recipient_email=email,
        salt="s4lt",
        valid_from=valid_from or datetime.now(UTC) - timedelta(days=30),
        valid_until=valid_until,
        status=status,
        name="Aseptic technique",
    )
    return vc_jwt_sign(credential, key=key, kid=kid)


def status_list_jwt(
    key: ECKey, *, issuer_id: str, kid: str, list_url: str, revoked: set[int]
) -> str:
    credential = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": list_url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_id,
        "validFrom": "2025-01-01T00:00:00Z",
        "credentialSubject": {
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": statuslist.encode(revoked),
        },
    }
    return vc_jwt_sign(credential, key=key, kid=kid)


def png_baked(text: str) -> bytes:
    """A 1x1 PNG with `text` in an iTXt chunk keyed "openbadges" (OB 2.0 baking)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x00")
    itxt = b"openbadges\x00\x00\x00\x00\x00" + text.encode()
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"iTXt", itxt)
        + chunk(b"IDAT", pixels)
        + chunk(b"IEND", b"")
    )


def svg_baked(url: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org" '
        'width="10" height="10">'
        f'<openbadges:assertion verify="{url}"></openbadges:assertion>'
        '<circle cx="5" cy="5" r="4"/></svg>'
    ).encode()
