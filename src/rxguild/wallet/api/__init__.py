"""JSON API of the credential wallet, mounted at /api/v1/wallet/ by rxguild.api.

Every endpoint needs a signed-in caller (the API default auth) and fetches through
wallet.access, as the pages do: another member's document or badge is a 404 and nothing
changes. One module per sub-domain; this router only gathers them.
"""

from __future__ import annotations

from ninja import Router

from rxguild.wallet.api import badges, documents

router = Router(tags=["wallet"])
for part in (documents, badges):
    router.add_router("", part.router)
