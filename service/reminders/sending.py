"""The daily run: each person's digest, sent once a day, recorded before and after."""

from __future__ import annotations

import logging
import smtplib
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from service.reminders.digest import build_digest, build_message
from service.reminders.items import DAYS_AHEAD, collect_reminders
from service.reminders.mail import Mailer, SmtpSettings
from service.storage import Storage

log = logging.getLogger(__name__)
KYIV = ZoneInfo("Europe/Kyiv")
# Refusals of one letter (its recipient, its content): the others are still sent.
LETTER_REFUSED = (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError)


def kyiv_today() -> date:
    """Today's date in Kyiv: the day the digest is of, wherever the server's clock is set."""
    return datetime.now(KYIV).date()


@dataclass
class SendReport:
    """What a run did (counts of people)."""

    day: str
    sent: int = 0
    nothing_due: int = 0
    already_sent: int = 0
    refused: int = 0

    def as_dict(self) -> dict[str, object]:
        """The report as JSON-ready data."""
        return asdict(self)


class MailServerError(RuntimeError):
    """The mail server could not be reached or broke off: the run stopped (a report says
    how far it got; the letters not sent are sent by the next run of the day)."""

    def __init__(self, message: str, report: SendReport) -> None:
        super().__init__(message)
        self.report = report


def send_digests(storage: Storage, smtp: SmtpSettings, *, today: date, base_url: str) -> SendReport:
    """E-mail each person the steps of their cases overdue or due within 7 days, once a day.

    A person with nothing due gets no letter. A letter is claimed before it is sent and
    marked after, so runs at once (or again the same day) send it once.
    """
    report = SendReport(day=today.isoformat())
    until = today + timedelta(days=DAYS_AHEAD)
    storage.reminders.forget_old_digests(today)
    mailer = Mailer(smtp)
    try:
        for recipient in storage.reminders.recipients():
            reminders = collect_reminders(
                storage, recipient, today=today, until=until, lang=recipient.lang
            )
            if not reminders:
                report.nothing_due += 1
                continue
            if not storage.reminders.claim_digest(recipient.user_id, today):
                report.already_sent += 1
                continue
            digest = build_digest(reminders, lang=recipient.lang, today=today, base_url=base_url)
            message = build_message(
                digest, sender=smtp.sender, recipient=recipient.email, lang=recipient.lang
            )
            try:
                mailer.send(message)
            except LETTER_REFUSED as error:
                storage.reminders.release_digest(recipient.user_id, today)
                report.refused += 1
                log.warning(
                    "reminder refused by the mail server",
                    extra={"user_id": recipient.user_id, "error": type(error).__name__},
                )
                continue
            except (smtplib.SMTPException, OSError) as error:
                storage.reminders.release_digest(recipient.user_id, today)
                raise MailServerError(
                    f"the mail server {smtp.host}:{smtp.port} failed: {type(error).__name__}",
                    report,
                ) from error
            storage.reminders.mark_sent(recipient.user_id, today, steps=digest.steps)
            report.sent += 1
            log.info("reminder sent", extra={"user_id": recipient.user_id, "steps": digest.steps})
    finally:
        mailer.close()
    return report
