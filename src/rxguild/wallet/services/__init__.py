"""Every change of the wallet's state, one function per use case (pages, API and demo call
these)."""

from rxguild.wallet.services.documents import (
    credential_document_approve,
    credential_document_delete,
    credential_document_reject,
    credential_document_submit,
)

__all__ = [
    "credential_document_approve",
    "credential_document_delete",
    "credential_document_reject",
    "credential_document_submit",
]
from rxguild.wallet.services.issuing import badge_issue, badge_revoke

__all__ += ["badge_issue", "badge_revoke"]
from rxguild.wallet.services.imports import (  # noqa: E402
    badge_import,
    imported_badge_delete,
    imported_badge_link,
    imported_badges_recheck,
)

__all__ += [
    "badge_import",
    "imported_badge_delete",
    "imported_badge_link",
    "imported_badges_recheck",
]
from rxguild.wallet.services.proofs import (  # noqa: E402
    application_proof_attach,
    application_proof_detach,
)

__all__ += ["application_proof_attach", "application_proof_detach"]
