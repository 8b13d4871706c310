"""The directory of institutions of each organisation: list, read, add, change, import.

Public bodies, not personal data: stored in clear; the audit trail records ids only.
Scoped like cases: another organisation's institution is unknown (404); admins see all.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from service.errors import DataValidationError, NotFoundError
from service.i18n import N_
from service.principal import Principal
from service.storage.audit import record_event
from service.storage.cases import DataLoader, merge_patch
from service.storage.database import Database
from service.storage.models import Institution, Organisation, utc_now
from service.ukrainian.institutions import derive_institution_forms

CORRECTIONS = ("name_dative", "name_genitive", "name_en")
# What an import may change in an institution it finds by name (blank cells keep the rest).
IMPORTED_FIELDS = ("kind", "name_dative", "name_genitive", "name_en", "edrpou", "address")
FORMS = {"dative": "name_dative", "genitive": "name_genitive", "en": "name_en"}


# An institution by id, as a reference in a document's data (None: not found or not visible).
InstitutionLookup = Callable[[str], dict[str, Any] | None]


class InstitutionNotFoundError(NotFoundError):
    """No institution has this id (or the caller may not see it)."""

    slug = "institution-not-found"
    title = N_("Unknown institution")
    detail = N_("There is no institution with this id.")


@dataclass(frozen=True)
class InstitutionView:
    """An institution as the API and the pages show it."""

    id: str
    organisation_id: str
    kind: str
    name: str
    name_dative: str | None
    name_genitive: str | None
    name_en: str | None
    edrpou: str | None
    address: dict[str, Any] | None
    created_at: datetime
    created_by: str
    updated_at: datetime
    updated_by: str

    def fields(self) -> dict[str, Any]:
        """What a caseworker entered: kind, name, corrections, ЄДРПОУ code, address."""
        return {
            "kind": self.kind,
            "name": self.name,
            "name_dative": self.name_dative,
            "name_genitive": self.name_genitive,
            "name_en": self.name_en,
            "edrpou": self.edrpou,
            "address": self.address,
        }

    def forms(self) -> dict[str, Any]:
        """The printed forms (corrections where given), the derived ones, and needs_review."""
        derived = derive_institution_forms(self.name)
        derived_forms = {
            "uk": derived.uk,
            "dative": derived.dative,
            "genitive": derived.genitive,
            "en": derived.en,
        }
        corrections = {form: getattr(self, column) for form, column in FORMS.items()}
        shown = {
            "uk": derived.uk,
            **{form: corrections[form] or derived_forms[form] for form in FORMS},
        }
        fully_corrected = all(corrections.values())
        return {
            "forms": shown,
            "derived": derived_forms,
            "needs_review": derived.needs_review and not fully_corrected,
        }

    def as_dict(self) -> dict[str, Any]:
        """The institution as JSON-ready data."""
        return {
            "id": self.id,
            "organisation_id": self.organisation_id,
            **self.fields(),
            **self.forms(),
            "created_at": self.created_at.isoformat(),
            "created_by": self.created_by,
            "updated_at": self.updated_at.isoformat(),
            "updated_by": self.updated_by,
        }

    def as_reference(self) -> dict[str, Any]:
        """What an organisation object of a document's data becomes when it names this one."""
        entry: dict[str, Any] = {"name": self.name}
        entry.update(
            {column: getattr(self, column) for column in CORRECTIONS if getattr(self, column)}
        )
        if self.edrpou:
            entry["edrpou"] = self.edrpou
        if self.address:
            entry["address"] = self.address
        return entry


@dataclass(frozen=True)
class ImportReport:
    """What an import did: institutions added, changed, and found as they were."""

    added: int
    updated: int
    unchanged: int


def _view(record: Institution) -> InstitutionView:
    return InstitutionView(
        record.id,
        record.organisation_id,
        record.kind,
        record.name,
        record.name_dative,
        record.name_genitive,
        record.name_en,
        record.edrpou,
        record.address,
        record.created_at,
        record.created_by,
        record.updated_at,
        record.updated_by,
    )


class InstitutionStore:
    """Add, read, change, list and import the institutions of organisations."""

    def __init__(self, database: Database, load_data: DataLoader) -> None:
        self.database = database
        self.load_data = load_data  # the institution schema's loader

    def _organisation_of(self, principal: Principal, organisation_id: str | None) -> str:
        """The organisation a new institution belongs to: the caller's own (admins name one)."""
        if principal.sees_everything:
            if not organisation_id:
                raise DataValidationError(
                    {"organisation_id": [N_("Name the organisation of the institution.")]}
                )
            return organisation_id
        if principal.organisation_id is None or principal.role == "partner":
            raise InstitutionNotFoundError()
        if organisation_id not in (None, principal.organisation_id):
            raise DataValidationError(
                {"organisation_id": [N_("You may add institutions to your own organisation only.")]}
            )
        return principal.organisation_id

    def create(
        self, data: Any, *, principal: Principal, organisation_id: str | None = None
    ) -> InstitutionView:
        """Check and add one institution; record who added it."""
        return self.create_many([data], principal=principal, organisation_id=organisation_id)[0]

    def create_many(
        self,
        rows: Iterable[Any],
        *,
        principal: Principal,
        organisation_id: str | None = None,
    ) -> list[InstitutionView]:
        """Check every institution, then add them all in one transaction (or none)."""
        owner = self._organisation_of(principal, organisation_id)
        cleaned = [self.load_data(row) for row in rows]
        now = utc_now()
        records = [
            Institution(
                id=uuid.uuid4().hex,
                organisation_id=owner,
                **clean,
                name_folded=clean["name"].casefold(),
                created_at=now,
                created_by=principal.id,
                updated_at=now,
                updated_by=principal.id,
            )
            for clean in cleaned
        ]
        with self.database.session() as session:
            if session.get(Organisation, owner) is None:
                raise DataValidationError(
                    {"organisation_id": [N_("There is no such organisation.")]}
                )
            session.add_all(records)
            session.flush()
            for record in records:
                record_event(
                    session,
                    "institution_created",
                    principal.id,
                    institution_id=record.id,
                    organisation_id=owner,
                )
        return [_view(record) for record in records]

    def import_rows(
        self, rows: Iterable[Any], *, principal: Principal, organisation_id: str | None = None
    ) -> ImportReport:
        """Add the institutions of a file, or update those of the same name (or none at all).

        An institution is the one of the same name in the organisation, in any letter case;
        a field the row gives replaces its value, a field the row leaves out is kept (a
        caseworker's corrections survive a newer file that has none).
        """
        owner = self._organisation_of(principal, organisation_id)
        cleaned = [self.load_data(row) for row in rows]
        added: list[Institution] = []
        updated = unchanged = 0
        now = utc_now()
        with self.database.session() as session:
            if session.get(Organisation, owner) is None:
                raise DataValidationError(
                    {"organisation_id": [N_("There is no such organisation.")]}
                )
            existing = {
                record.name_folded: record
                for record in session.scalars(
                    select(Institution)
                    .where(Institution.organisation_id == owner)
                    .order_by(Institution.created_at, Institution.id)
                )
            }
            for clean in cleaned:
                folded = clean["name"].casefold()
                record = existing.get(folded)
                if record is None:
                    record = Institution(
                        id=uuid.uuid4().hex,
                        organisation_id=owner,
                        **clean,
                        name_folded=folded,
                        created_at=now,
                        created_by=principal.id,
                        updated_at=now,
                        updated_by=principal.id,
                    )
                    session.add(record)
                    existing[folded] = record
                    added.append(record)
                    continue
                changes = {
                    key: clean[key]
                    for key in IMPORTED_FIELDS
                    if clean.get(key) is not None and getattr(record, key) != clean[key]
                }
                if not changes:
                    unchanged += 1
                    continue
                for key, value in changes.items():
                    setattr(record, key, value)
                record.updated_at = now
                record.updated_by = principal.id
                updated += 1
                record_event(
                    session,
                    "institution_changed",
                    principal.id,
                    institution_id=record.id,
                    organisation_id=owner,
                )
            session.flush()
            for record in added:
                record_event(
                    session,
                    "institution_created",
                    principal.id,
                    institution_id=record.id,
                    organisation_id=owner,
                )
        return ImportReport(len(added), updated, unchanged)

    def find_or_add(
        self, data: Any, *, principal: Principal, organisation_id: str | None = None
    ) -> tuple[InstitutionView, bool]:
        """The organisation's institution of this name (any letter case), added if it has none.

        Returns it and whether it was added.
        """
        owner = self._organisation_of(principal, organisation_id)
        clean = self.load_data(data)
        with self.database.session() as session:
            record = session.scalars(
                select(Institution)
                .where(
                    Institution.organisation_id == owner,
                    Institution.name_folded == clean["name"].casefold(),
                )
                .order_by(Institution.created_at, Institution.id)
                .limit(1)
            ).first()
            if record is not None:
                return _view(record), False
        return self.create(clean, principal=principal, organisation_id=owner), True

    def count(self, organisation_id: str) -> int:
        """How many institutions an organisation's directory holds."""
        with self.database.session() as session:
            return (
                session.scalar(
                    select(func.count())
                    .select_from(Institution)
                    .where(Institution.organisation_id == organisation_id)
                )
                or 0
            )

    def get(self, institution_id: str, principal: Principal) -> InstitutionView:
        """Read an institution the caller may see, or raise InstitutionNotFoundError."""
        with self.database.session() as session:
            record = session.get(Institution, institution_id)
            if record is None or not principal.may_see(record.organisation_id):
                raise InstitutionNotFoundError()
            return _view(record)

    def update(self, institution_id: str, patch: Any, *, principal: Principal) -> InstitutionView:
        """Apply a JSON merge patch (null clears a correction), check the result and store it."""
        if not isinstance(patch, Mapping):
            raise DataValidationError({"_schema": [N_("Send the request body as a JSON object.")]})
        with self.database.session() as session:
            record = session.get(Institution, institution_id, with_for_update=True)
            if record is None or not principal.may_see(record.organisation_id):
                raise InstitutionNotFoundError()
            current = _view(record).fields()
            clean = self.load_data(merge_patch(current, patch))
            for key, value in clean.items():
                setattr(record, key, value)
            record.name_folded = clean["name"].casefold()
            for key in ("name_dative", "name_genitive", "name_en", "edrpou", "address"):
                if key not in clean:
                    setattr(record, key, None)
            record.updated_at = utc_now()
            record.updated_by = principal.id
            record_event(
                session,
                "institution_changed",
                principal.id,
                institution_id=record.id,
                organisation_id=record.organisation_id,
            )
            return _view(record)

    def search(
        self,
        principal: Principal,
        *,
        q: str | None = None,
        kind: str | None = None,
        page: int = 1,
        per_page: int = 20,
        organisation_id: str | None = None,
    ) -> tuple[list[InstitutionView], int]:
        """One page of the caller's institutions by name, and how many match in all."""
        query = select(Institution)
        if principal.sees_everything:
            if organisation_id:
                query = query.where(Institution.organisation_id == organisation_id)
        elif principal.organisation_id is None or principal.role == "partner":
            return [], 0
        else:
            query = query.where(Institution.organisation_id == principal.organisation_id)
        if kind:
            query = query.where(Institution.kind == kind)
        for word in (q or "").casefold().split():
            pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            query = query.where(Institution.name_folded.like(pattern, escape="\\"))
        with self.database.session() as session:
            total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
            records = session.scalars(
                query.order_by(Institution.name, Institution.id)
                .limit(per_page)
                .offset((page - 1) * per_page)
            ).all()
            return [_view(record) for record in records], total

    def choices(self, organisation_id: str | None) -> list[tuple[str, str]]:
        """(id, name) of every institution of an organisation, by name (for pickers)."""
        if organisation_id is None:
            return []
        with self.database.session() as session:
            rows = session.execute(
                select(Institution.id, Institution.name)
                .where(Institution.organisation_id == organisation_id)
                .order_by(Institution.name)
                .limit(1000)
            )
            return [(row.id, row.name) for row in rows]

    def lookup(self, organisation_id: str | None, *, everything: bool = False) -> InstitutionLookup:
        """Find an institution of one organisation (every one: `everything`) for a reference."""

        def find(institution_id: str) -> dict[str, Any] | None:
            if len(institution_id) > 32:
                return None
            with self.database.session() as session:
                record = session.get(Institution, institution_id)
            if record is None or not (everything or record.organisation_id == organisation_id):
                return None
            return _view(record).as_reference()

        return find

    def lookup_for(
        self, principal: Principal, organisation_id: str | None = None
    ) -> InstitutionLookup | None:
        """The lookup for data a caller sends (None: the caller has no directory).

        Data made from a case uses the case's organisation; an admin's, any organisation.
        """
        if principal.sees_everything and organisation_id is None:
            return self.lookup(None, everything=True)
        owner = organisation_id or principal.organisation_id
        if owner is None or principal.role in ("partner", "system"):
            return None
        return self.lookup(owner)
