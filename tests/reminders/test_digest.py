"""The daily digest, sent by `flask --app wsgi reminders send` (a subprocess, as cron runs
it) to a real SMTP server over TCP: who gets a letter, what it says, once a day."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import delete

from service.reminders import MailConfigurationError, load_smtp_settings
from service.storage.models import ReminderDigest, utc_now
from service.storage.reminders import STALE_CLAIM
from tests.cli.flask_cli import run_flask
from tests.reminders.conftest import FORBIDDEN, TODAY, Scenario, days
from tests.reminders.smtp_server import Behaviour, Received, SmtpServer, running_smtp_server

SMTP_KEYS = ("SMTP_HOST", "SMTP_PORT", "SMTP_FROM", "SMTP_STARTTLS", "SMTP_USER", "SMTP_PASSWORD")


def send(
    scenario: Scenario, server_port: int, day: date = TODAY, **environ: str
) -> subprocess.CompletedProcess[str]:
    """Run `reminders send` for a day against the application's database and a server."""
    config = scenario.app.config
    return run_flask(
        "reminders",
        "send",
        "--date",
        day.isoformat(),
        var_dir=config["VAR_DIR"],
        DATABASE_URL=config["DATABASE_URL"],
        PAPERWORK_DATA_KEYS=config["DATA_KEYS"],
        PAPERWORK_PUBLIC_URL="https://paperwork.example.org",
        PAPERWORK_SMTP_HOST="127.0.0.1",
        PAPERWORK_SMTP_PORT=str(server_port),
        PAPERWORK_SMTP_FROM="Paperwork <reminders@paperwork.example.org>",
        PAPERWORK_SMTP_STARTTLS="0",
        **environ,
    )


@dataclass(frozen=True)
class Run:
    """What a run of the command printed and how it ended."""

    returncode: int
    stdout: str
    stderr: str


def send_here(scenario: Scenario, server_port: int, day: date, **settings: object) -> Run:
    """Run the same command in this process (as the test app's CLI): faster than a new one."""
    config = scenario.app.config
    saved = {key: config.get(key) for key in SMTP_KEYS}
    config.update(
        {
            "SMTP_HOST": "127.0.0.1",
            "SMTP_PORT": server_port,
            "SMTP_FROM": "reminders@paperwork.example.org",
            "SMTP_STARTTLS": False,
            "SMTP_USER": None,
            "SMTP_PASSWORD": None,
            **settings,
        }
    )
    try:
        result = scenario.app.test_cli_runner().invoke(
            args=["reminders", "send", "--date", day.isoformat()]
        )
    finally:
        config.update(saved)
    return Run(result.exit_code, result.stdout, result.stderr)


def letter_to(server: SmtpServer, email: str) -> Received:
    """The one letter the server received for an address."""
    found = [item for item in server.received if email in item.recipients]
    assert len(found) == 1, [item.recipients for item in server.received]
    return found[0]


def forget_sent(scenario: Scenario, day: date) -> None:
    """Delete the record of a day's digests (to send them again in another test)."""
    with scenario.app.extensions["storage"].database.connection() as connection:
        connection.execute(delete(ReminderDigest).where(ReminderDigest.day == day))


def test_each_caseworker_gets_their_steps_once_a_day(scenario: Scenario) -> None:
    with running_smtp_server() as server:
        result = send(scenario, server.port)
        assert result.returncode == 0, result.stderr
        assert '"sent": 3' in result.stdout, result.stdout
        # Anna's letter: her two cases' steps overdue and due within 7 days, in Ukrainian.
        anna = letter_to(server, "anna@example.org")
        assert anna.mail_from == "reminders@paperwork.example.org"
        message = anna.message
        assert message["From"] == "Paperwork <reminders@paperwork.example.org>"
        assert message["Auto-Submitted"] == "auto-generated"
        assert message["Subject"] == "Нагадування: прострочено — 2, строк протягом 7 днів — 1"
        text = anna.text
        overdue, _, soon = text.partition("Строк протягом 7 днів")
        first, second = scenario.anna_numbers
        assert "Прострочено (2)" in overdue
        assert f"{days(-10):%d.%m.%Y} · справа {first} · О. К." in overdue
        assert f"{days(-3):%d.%m.%Y} · справа " in overdue  # the case made with her token
        assert f"{days(5):%d.%m.%Y} · справа {first} · М. К." in soon
        assert "(подано, очікується рішення)" in text  # the due date is the decision's
        assert second not in text  # due in 25 days: not yet
        assert f"https://paperwork.example.org/cases/{scenario.anna_cases[0]}#plan" in text
        assert "https://paperwork.example.org/reminders" in text
        for forbidden in FORBIDDEN:
            assert forbidden not in anna.data.decode("ascii", "replace") + text, forbidden
        # Clara chose English: initials in Latin letters; her step is due today.
        clara = letter_to(server, "clara@example.org")
        assert clara.message["Subject"] == "Reminder: 0 overdue, 1 due within 7 days"
        assert clara.message["Content-Language"] == "en"
        assert f"{TODAY:%d.%m.%Y} · case {scenario.clara_number} · O. K." in clara.text
        assert scenario.anna_numbers[0] not in clara.text
        for forbidden in FORBIDDEN:
            assert forbidden not in clara.text, forbidden
        # Borys created nothing: no letter. Dmytro, of another organisation, gets his own.
        assert not [item for item in server.received if "borys@example.org" in item.recipients]
        dmytro = letter_to(server, "dmytro@example.org")
        assert f"{days(3):%d.%m.%Y}" in dmytro.text
        assert dmytro.text.count("• ") == 1  # his one step, none of Anna's

        # Again the same day (cron ran twice): nothing more is sent.
        before = len(server.received)
        again = send(scenario, server.port)
        assert again.returncode == 0, again.stderr
        assert '"sent": 0' in again.stdout and '"already_sent": ' in again.stdout
        assert len(server.received) == before
        # The next day's run sends the next day's letters.
        tomorrow = send_here(scenario, server.port, days(1))
        assert tomorrow.returncode == 0, tomorrow.stderr
        assert len(server.received) > before
    forget_sent(scenario, days(1))


def test_a_refused_letter_is_sent_by_the_next_run(scenario: Scenario) -> None:
    day = days(2)
    with running_smtp_server(Behaviour(refuse={"anna@example.org"})) as server:
        result = send_here(scenario, server.port, day)
        assert result.returncode == 0, result.stderr
        assert '"refused": 1' in result.stdout
        assert all("anna@example.org" not in item.recipients for item in server.received)
        assert server.received  # the others' letters went on the same connection
    with running_smtp_server() as server:
        result = send_here(scenario, server.port, day)
        assert result.returncode == 0, result.stderr
        assert [item.recipients for item in server.received] == [["anna@example.org"]]
    forget_sent(scenario, day)


def test_a_server_that_hangs_up_stops_the_run_and_loses_no_letter(scenario: Scenario) -> None:
    day = days(3)
    with running_smtp_server(Behaviour(hang_up_on_data=True)) as server:
        result = send_here(scenario, server.port, day)
        assert result.returncode == 1
        assert "mail server" in result.stderr and "127.0.0.1" in result.stderr
        assert not server.received
    with running_smtp_server() as server:
        result = send_here(scenario, server.port, day)
        assert result.returncode == 0, result.stderr
        assert {"anna@example.org", "clara@example.org"} <= {
            address for item in server.received for address in item.recipients
        }
    forget_sent(scenario, day)


def test_the_login_reaches_the_server(scenario: Scenario) -> None:
    day = days(4)
    with running_smtp_server() as server:
        result = send_here(
            scenario,
            server.port,
            day,
            SMTP_USER="relay-user",
            SMTP_PASSWORD="relay-secret",  # noqa: S106 - the test server's
        )
        assert result.returncode == 0, result.stderr
        assert server.received
        assert {item.login for item in server.received} == {("relay-user", "relay-secret")}
    forget_sent(scenario, day)


def test_without_a_mail_server_the_command_says_what_to_set(scenario: Scenario) -> None:
    result = send_here(scenario, 25, TODAY, SMTP_HOST=None)
    assert result.returncode == 2
    assert "PAPERWORK_SMTP_HOST" in result.stderr


def test_a_password_never_crosses_the_network_in_clear() -> None:
    settings = {
        "SMTP_HOST": "mail.example.org",
        "SMTP_FROM": "reminders@example.org",
        "SMTP_USER": "relay-user",
        "SMTP_PASSWORD": "secret",
        "SMTP_STARTTLS": False,
    }
    with pytest.raises(MailConfigurationError, match="STARTTLS"):
        load_smtp_settings(settings)
    assert load_smtp_settings({**settings, "SMTP_STARTTLS": True}).port == 587


def test_one_claim_a_day_and_a_dead_run_claim_is_taken_again(scenario: Scenario) -> None:
    reminders = scenario.app.extensions["storage"].reminders
    day = days(40)
    assert reminders.claim_digest(scenario.borys, day)
    assert not reminders.claim_digest(scenario.borys, day)  # another run is sending it
    later = utc_now() + STALE_CLAIM * 2
    assert reminders.claim_digest(scenario.borys, day, now=later)  # that run died
    reminders.mark_sent(scenario.borys, day, steps=1)
    assert not reminders.claim_digest(scenario.borys, day, now=later + STALE_CLAIM * 2)
    assert reminders.sent_on(day) == {scenario.borys: 1}
    forget_sent(scenario, day)
