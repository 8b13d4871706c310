"""Reminders of due steps: a daily e-mail digest and a calendar feed per person.

Both name cases by number and children by initials only. The storage of settings, feeds
and digests sent is `service.storage.reminders`; the pages are `service.web.reminders`.
"""

from service.reminders.calendar import MEDIA_TYPE, render_calendar
from service.reminders.digest import Digest, build_digest, build_message
from service.reminders.items import DAYS_AHEAD, Reminder, collect_reminders, initials
from service.reminders.mail import MailConfigurationError, SmtpSettings, load_smtp_settings
from service.reminders.sending import MailServerError, SendReport, kyiv_today, send_digests

__all__ = [
    "DAYS_AHEAD",
    "MEDIA_TYPE",
    "Digest",
    "MailConfigurationError",
    "MailServerError",
    "Reminder",
    "SendReport",
    "SmtpSettings",
    "build_digest",
    "build_message",
    "collect_reminders",
    "initials",
    "kyiv_today",
    "load_smtp_settings",
    "render_calendar",
    "send_digests",
]
