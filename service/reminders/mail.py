"""Sending mail through an SMTP server: settings from the environment, one connection a run.

STARTTLS is on by default; a password is never sent over a connection without it, except
to a server on this machine (a local relay).
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import parseaddr
from typing import Any

LOOPBACK = ("127.0.0.1", "localhost", "::1")


class MailConfigurationError(ValueError):
    """The mail settings are incomplete or unsafe (the message says which variable)."""


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to hand letters over."""

    host: str
    port: int
    sender: str
    user: str | None = None
    password: str | None = None
    starttls: bool = True
    timeout: float = 30.0

    @property
    def sender_address(self) -> str:
        """The envelope sender: the address of the From setting ("Name <a@b>" gives a@b)."""
        return parseaddr(self.sender)[1] or self.sender


def load_smtp_settings(config: Mapping[str, Any]) -> SmtpSettings:
    """The SMTP settings of the application's configuration, checked."""
    host = config.get("SMTP_HOST")
    sender = config.get("SMTP_FROM")
    if not host or not sender:
        raise MailConfigurationError(
            "set PAPERWORK_SMTP_HOST and PAPERWORK_SMTP_FROM (and PAPERWORK_SMTP_PORT, "
            "PAPERWORK_SMTP_USER, PAPERWORK_SMTP_PASSWORD, PAPERWORK_SMTP_STARTTLS as needed)"
        )
    settings = SmtpSettings(
        host=str(host),
        port=int(config.get("SMTP_PORT") or 587),
        sender=str(sender),
        user=config.get("SMTP_USER") or None,
        password=config.get("SMTP_PASSWORD") or None,
        starttls=bool(config.get("SMTP_STARTTLS", True)),
    )
    if settings.user and not settings.starttls and settings.host not in LOOPBACK:
        raise MailConfigurationError(
            "PAPERWORK_SMTP_USER is set with PAPERWORK_SMTP_STARTTLS=0: the password would "
            "cross the network in clear; turn STARTTLS on (or relay through this machine)"
        )
    return settings


class Mailer:
    """An SMTP connection opened on the first letter and closed at the end of the run."""

    def __init__(self, settings: SmtpSettings) -> None:
        self.settings = settings
        self._smtp: smtplib.SMTP | None = None

    def _connect(self) -> smtplib.SMTP:
        settings = self.settings
        smtp = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
        try:
            smtp.ehlo()
            if settings.starttls:
                smtp.starttls(context=ssl.create_default_context())
                smtp.ehlo()
            if settings.user:
                smtp.login(settings.user, settings.password or "")
        except BaseException:
            smtp.close()
            raise
        return smtp

    def send(self, message: EmailMessage) -> None:
        """Hand one letter to the server (smtplib's errors tell what went wrong)."""
        if self._smtp is None:
            self._smtp = self._connect()
        self._smtp.send_message(message, from_addr=self.settings.sender_address)

    def close(self) -> None:
        """Say goodbye to the server, if a connection was opened."""
        if self._smtp is None:
            return
        try:
            self._smtp.quit()
        except (smtplib.SMTPException, OSError):
            self._smtp.close()
        self._smtp = None
