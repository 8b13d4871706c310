"""The rules of revocation and links: the reasons one may give, how long a link may last."""

from __future__ import annotations

from service.i18n import N_

# A fixed list, shown publicly: a free-text reason could carry a child's name.
REVOCATION_REASONS = {
    "superseded": N_("replaced by a newer document"),
    "issued_in_error": N_("issued in error"),
    "data_changed": N_("the data in it changed"),
    "withdrawn": N_("withdrawn by the issuer"),
}
# Why a case or a person is erased: a fixed list too, kept in the audit trail.
ERASURE_REASONS = {
    "consent_withdrawn": N_("the family withdrew its consent"),
    "opened_in_error": N_("the record was opened by mistake"),
    "duplicate": N_("the record duplicates another"),
    "request_of_person": N_("the person it concerns asked for their data to be erased"),
}
# What the public page says of a document whose data is gone (set by the service, never
# chosen in a revocation): erased at the request of the person it concerns, or deleted
# when the retention period ended.
WITHDRAWAL_REASONS = {
    "erased": N_("withdrawn at the request of the person it concerns; its data was erased"),
    "expired": N_("its data was deleted when the retention period ended"),
}
PUBLIC_REASONS = {**REVOCATION_REASONS, **WITHDRAWAL_REASONS}
DEFAULT_LINK_DAYS = 7
MAX_LINK_DAYS = 90
