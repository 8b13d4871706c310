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
DEFAULT_LINK_DAYS = 7
MAX_LINK_DAYS = 90
