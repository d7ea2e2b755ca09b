"""The instance's badge-signing key: read from a file, rotatable, old public keys kept.

The private key is a PEM file named by RXGUILD_WALLET_KEY_FILE (never in the repository or
the database). Its key id is the RFC 7638 thumbprint of the public key, so replacing the file
*is* a rotation: the next badge is signed with the new kid, and every public key ever used
stays in `IssuerKey`, published at /wallet/issuer/jwks.json, so older badges keep verifying.
Outside production a missing file is created on first use (a demo instance just works); in
production `manage.py wallet_signing_key` creates it, on purpose.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from joserfc.jwk import ECKey

from rxguild.wallet.errors import BadgeRefused
from rxguild.wallet.models import IssuerKey


class SigningKeyMissing(RuntimeError):
    """No key file in production; str() says what to do."""


def key_path() -> Path:
    return Path(settings.RXGUILD_WALLET_KEY_FILE)


def key_file_write(path: Path) -> ECKey:
    """A new P-256 key at `path`, readable by its owner only."""
    key = ECKey.generate_key("P-256")
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        out.write(key.as_pem(private=True))
    temporary.replace(path)  # atomic: a reader sees the old key or the new one
    return key


def _load() -> ECKey:
    path = key_path()
    if not path.exists():
        if getattr(settings, "PRODUCTION", False):
            raise SigningKeyMissing(
                f"No badge-signing key at {path}: run `manage.py wallet_signing_key` "
                "or set RXGUILD_WALLET_KEY_FILE."
            )
        return key_file_write(path)
    key = ECKey.import_key(path.read_bytes())
    if not key.is_private:
        raise SigningKeyMissing(f"{path} holds a public key; badges need the private key.")
    return key


@transaction.atomic
def signing_key() -> tuple[ECKey, str]:
    """The current private key and its kid; records its public half the first time."""
    key = _load()
    kid = key.thumbprint()
    public = key.as_dict(private=False)
    _, created = IssuerKey.objects.get_or_create(kid=kid, defaults={"public_jwk": public})
    if created:
        IssuerKey.objects.filter(retired_at__isnull=True).exclude(kid=kid).update(
            retired_at=timezone.now()
        )
    return key, kid


def public_key(kid: object) -> ECKey:
    """The public key of one of our kids (current or retired); BadgeRefused for any other."""
    if not isinstance(kid, str):
        raise BadgeRefused("The badge names no signing key.")
    row = IssuerKey.objects.filter(kid=kid).first()
    if row is None:
        raise BadgeRefused("The badge was signed with a key this site never used.")
    return ECKey.import_key(row.public_jwk)


def jwks() -> dict[str, list[dict[str, object]]]:
    keys = []
    for row in IssuerKey.objects.order_by("first_used_at", "id"):
        keys.append({**row.public_jwk, "kid": row.kid, "alg": "ES256", "use": "sig"})
    return {"keys": keys}
