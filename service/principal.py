"""Who is calling: a token's id, its role and its organisation (a plain value; imports nothing)."""

from __future__ import annotations

from dataclasses import dataclass

ROLES = ("caseworker", "partner", "system", "admin")
ROLES_WITH_ORGANISATION = ("caseworker", "partner")


@dataclass(frozen=True)
class Principal:
    """The caller of a request (an id, never a person's name)."""

    id: str
    role: str
    organisation_id: str | None

    @property
    def sees_everything(self) -> bool:
        """Admins see every organisation's objects."""
        return self.role == "admin"

    def may_see(self, organisation_id: str | None) -> bool:
        """Whether an object of this organisation is visible to the caller.

        Partners see only what was shared with them, never by organisation.
        """
        if self.sees_everything:
            return True
        return (
            self.role != "partner"
            and self.organisation_id is not None
            and organisation_id == self.organisation_id
        )


SYSTEM = Principal("system", "admin", None)
"""The principal of the command line and background work: sees everything."""
