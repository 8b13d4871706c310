"""A small real SMTP server for the tests: TCP on 127.0.0.1, speaking what a relay must
(EHLO/HELO, AUTH PLAIN, MAIL, RCPT, DATA with dot-stuffing, RSET, NOOP, QUIT).

Python 3.12 has no `smtpd`; this keeps what it received, and can refuse a recipient or
hang up on DATA, as real servers do.
"""

from __future__ import annotations

import base64
import email
import email.policy
import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage


@dataclass
class Received:
    """One message the server accepted."""

    mail_from: str
    recipients: list[str]
    data: bytes
    login: tuple[str, str] | None

    @property
    def message(self) -> EmailMessage:
        """The message parsed as a mail client parses it."""
        parsed = email.message_from_bytes(self.data, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        return parsed

    @property
    def text(self) -> str:
        """The decoded plain-text body."""
        body = self.message.get_body(("plain",))
        assert body is not None
        return str(body.get_content())  # type: ignore[attr-defined]  # EmailMessage part


@dataclass
class Behaviour:
    """What the server refuses: recipients (550), and DATA for good (it hangs up)."""

    refuse: set[str] = field(default_factory=set)
    hang_up_on_data: bool = False


def address_of(argument: str) -> str:
    """The address in `FROM:<a@b> SIZE=...` or `TO:<a@b>`."""
    start, end = argument.find("<"), argument.find(">")
    return (
        argument[start + 1 : end]
        if start != -1 and end > start
        else argument.rsplit(":", maxsplit=1)[-1]
    )


class SmtpHandler(socketserver.StreamRequestHandler):
    """One client's session: a method per command."""

    server: SmtpServer

    def reply(self, *lines: str) -> None:
        """Send a reply (several lines: a multiline reply of one code)."""
        code = lines[0][:3]
        for line in lines[:-1]:
            self.wfile.write(f"{code}-{line[4:]}\r\n".encode("ascii"))
        self.wfile.write(lines[-1].encode("ascii") + b"\r\n")
        self.wfile.flush()

    def handle(self) -> None:
        """Answer commands until QUIT or the client leaves."""
        self.mail_from: str | None = None
        self.recipients: list[str] = []
        self.login: tuple[str, str] | None = None
        self.reply("220 reminders.test ESMTP ready")
        while True:
            line = self.rfile.readline(4096)
            if not line:
                return
            verb, _, argument = line.decode("utf-8", "replace").rstrip("\r\n").partition(" ")
            command = getattr(self, f"smtp_{verb.lower()}", None)
            if command is None:
                self.reply("502 5.5.2 command not implemented")
            elif command(argument) is False:  # the session ends
                return

    def smtp_ehlo(self, _argument: str) -> None:
        """Greet, with the extensions spoken here."""
        self.reply("250 reminders.test", "250 8BITMIME", "250 AUTH PLAIN", "250 HELP")

    def smtp_helo(self, _argument: str) -> None:
        """Greet the old way."""
        self.reply("250 reminders.test")

    def smtp_auth(self, argument: str) -> None:
        """AUTH PLAIN, the initial response given or asked for."""
        mechanism, _, initial = argument.partition(" ")
        if mechanism.upper() != "PLAIN":
            self.reply("504 5.5.4 unrecognised mechanism")
            return
        if not initial:
            self.reply("334 ")
            initial = self.rfile.readline().decode("ascii").strip()
        _, user, password = base64.b64decode(initial).decode().split("\0")
        self.login = (user, password)
        self.reply("235 2.7.0 authenticated")

    def smtp_mail(self, argument: str) -> None:
        """Start a message."""
        self.mail_from, self.recipients = address_of(argument), []
        self.reply("250 2.1.0 ok")

    def smtp_rcpt(self, argument: str) -> None:
        """Add a recipient, unless the server is told to refuse them."""
        recipient = address_of(argument)
        if self.mail_from is None:
            self.reply("503 5.5.1 MAIL first")
        elif recipient in self.server.behaviour.refuse:
            self.reply("550 5.1.1 no such mailbox")
        else:
            self.recipients.append(recipient)
            self.reply("250 2.1.5 ok")

    def smtp_data(self, _argument: str) -> bool:
        """Read the message up to the lone dot, undoing dot-stuffing, and keep it."""
        if self.mail_from is None or not self.recipients:
            self.reply("503 5.5.1 RCPT first")
            return True
        if self.server.behaviour.hang_up_on_data:
            return False
        self.reply("354 end data with <CR><LF>.<CR><LF>")
        data = bytearray()
        while True:
            chunk = self.rfile.readline()
            if not chunk or chunk in (b".\r\n", b".\n"):
                break
            data += chunk[1:] if chunk.startswith(b"..") else chunk
        self.server.received.append(
            Received(self.mail_from, self.recipients, bytes(data), self.login)
        )
        self.mail_from, self.recipients = None, []
        self.reply("250 2.0.0 queued")
        return True

    def smtp_rset(self, _argument: str) -> None:
        """Forget the message begun."""
        self.mail_from, self.recipients = None, []
        self.reply("250 2.0.0 ok")

    def smtp_noop(self, _argument: str) -> None:
        """Do nothing."""
        self.reply("250 2.0.0 ok")

    def smtp_quit(self, _argument: str) -> bool:
        """Say goodbye."""
        self.reply("221 2.0.0 bye")
        return False


class SmtpServer(socketserver.ThreadingTCPServer):
    """The server, with what it received and how it behaves."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, behaviour: Behaviour) -> None:
        super().__init__(("127.0.0.1", 0), SmtpHandler)
        self.behaviour = behaviour
        self.received: list[Received] = []

    @property
    def port(self) -> int:
        """The port it listens on."""
        return int(self.server_address[1])


@contextmanager
def running_smtp_server(behaviour: Behaviour | None = None) -> Iterator[SmtpServer]:
    """A server listening on a free port of 127.0.0.1 while the block runs."""
    server = SmtpServer(behaviour or Behaviour())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
