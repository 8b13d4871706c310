"""The daily digest: a plain-text letter of the steps overdue and due in the next 7 days."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr

from service.i18n import N_, gettext
from service.reminders.items import DAYS_AHEAD, Reminder
from service.storage.models import utc_now
from service.ukrainian import format_date_numeric

SUBJECT = N_("Reminder: %(overdue)s overdue, %(soon)s due within %(days)s days")
INTRO = N_(
    "The steps of your cases as of %(today)s: those overdue, and those due within the"
    " next %(days)s days."
)
OVERDUE = N_("Overdue (%(count)s)")
SOON = N_("Due within %(days)s days (%(count)s)")
LINE = N_("%(due)s · case %(number)s · %(who)s · %(title)s (%(status)s)")
ALL_STEPS = N_("The caseload: %(url)s")
SETTINGS = N_("Turn this letter off or change its language: %(url)s")
PRIVACY = N_(
    "Sent every morning by the paperwork service. It names cases by number and children"
    " by initials only: open the case to see more."
)


@dataclass(frozen=True)
class Digest:
    """A letter's subject and plain text."""

    subject: str
    text: str
    steps: int


def case_url(base_url: str, case_id: str) -> str:
    """The address of a case's checklist (no person's id in it: ids may be made of names)."""
    return f"{base_url.rstrip('/')}/cases/{case_id}#plan"


def build_digest(reminders: Sequence[Reminder], *, lang: str, today: date, base_url: str) -> Digest:
    """The digest of a person's reminders in a language."""
    overdue = [item for item in reminders if item.overdue]
    soon = [item for item in reminders if not item.overdue]
    subject = gettext(SUBJECT, lang, overdue=len(overdue), soon=len(soon), days=DAYS_AHEAD)
    lines = [
        gettext(INTRO, lang, today=format_date_numeric(today), days=DAYS_AHEAD),
        "",
    ]
    for heading, items in (
        (gettext(OVERDUE, lang, count=len(overdue)), overdue),
        (gettext(SOON, lang, count=len(soon), days=DAYS_AHEAD), soon),
    ):
        if not items:
            continue
        lines.append(heading)
        for item in items:
            line = gettext(
                LINE,
                lang,
                due=format_date_numeric(item.due),
                number=item.case_number,
                who=item.who,
                title=item.title,
                status=item.status,
            )
            lines.extend([f"• {line}", f"  {case_url(base_url, item.case_id)}"])
        lines.append("")
    base = base_url.rstrip("/")
    lines.extend(
        [
            gettext(ALL_STEPS, lang, url=f"{base}/plan"),
            gettext(SETTINGS, lang, url=f"{base}/reminders"),
            "",
            "-- ",
            gettext(PRIVACY, lang),
        ]
    )
    return Digest(subject, "\n".join(lines) + "\n", len(reminders))


def build_message(digest: Digest, *, sender: str, recipient: str, lang: str) -> EmailMessage:
    """The e-mail of a digest: UTF-8 plain text, marked as sent by a machine."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = recipient
    message["Subject"] = digest.subject
    message["Date"] = format_datetime(utc_now())
    domain = parseaddr(sender)[1].rpartition("@")[2]
    message["Message-ID"] = make_msgid(domain=domain or None)
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no auto-replies to it
    message.set_content(digest.text, charset="utf-8")
    message["Content-Language"] = lang  # after the content, which clears Content-* headers
    return message
