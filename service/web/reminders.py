"""Reminders on the pages: a person's digest settings, their calendar feed (made, shown
once, revoked), what the next digest would list; and the feed itself, at a secret address.
"""

from __future__ import annotations

from datetime import timedelta

from flask import Response, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from werkzeug.wrappers import Response as BaseResponse

from service.errors import NotFoundError
from service.i18n import LANGUAGES, N_
from service.principal import Principal
from service.reminders import DAYS_AHEAD, MEDIA_TYPE, collect_reminders, kyiv_today
from service.reminders.calendar import render_calendar
from service.storage.reminders import Recipient
from service.web.security import login_required, users
from service.web.views import CASEWORK, language_name, storage, translate, web_blueprint


class FeedNotFoundError(NotFoundError):
    """No live feed has this address (revoked, replaced, or its owner disabled)."""

    slug = "calendar-feed-not-found"
    title = N_("Unknown calendar feed")
    detail = N_("This calendar address does not work: it was revoked or replaced.")


def public_url() -> str:
    """The service's public address (links in letters and feeds)."""
    return str(current_app.config["PUBLIC_URL"]).rstrip("/")


def feed_url(token: str) -> str:
    """The public address of a calendar feed."""
    return public_url() + url_for("web.calendar_feed", token=token)


def translate_lang() -> str:
    """The page's language."""
    return str(get_locale() or "uk")


def as_recipient(principal: Principal) -> Recipient:
    """The signed-in person as reminders see them."""
    email = users().emails({principal.id}).get(principal.id, "")
    lang = storage().reminders.preferences(principal.id).lang
    return Recipient(principal.id, email, principal.role, principal.organisation_id, lang)


@web_blueprint.get("/reminders")
@login_required(*CASEWORK)
def reminders(principal: Principal) -> str:
    """The person's reminders: the digest's settings, the calendar feed, what is due."""
    settings = storage().reminders.preferences(principal.id)
    lang = translate_lang()
    today = kyiv_today()
    recipient = as_recipient(principal)
    due = collect_reminders(
        storage(), recipient, today=today, until=today + timedelta(days=DAYS_AHEAD), lang=lang
    )
    new_feed = session.pop("new_feed", None)
    return render_template(
        "reminders.html",
        settings=settings,
        email=recipient.email,
        languages=[(code, language_name(code)) for code in LANGUAGES],
        mail_configured=bool(current_app.config.get("SMTP_HOST")),
        due=due,
        today=today,
        days=DAYS_AHEAD,
        new_feed=new_feed,
    )


@web_blueprint.post("/reminders")
@login_required(*CASEWORK)
def save_reminders(principal: Principal) -> BaseResponse:
    """Save whether to send the digest and in which language."""
    lang = request.form.get("lang", "")
    if lang not in LANGUAGES:
        lang = storage().reminders.preferences(principal.id).lang
    digest = request.form.get("digest") == "on"
    storage().reminders.save_preferences(principal.id, lang=lang, digest=digest)
    flash(translate(N_("Your reminder settings are saved.")))
    return redirect(url_for("web.reminders"))


@web_blueprint.post("/reminders/feed")
@login_required(*CASEWORK)
def make_feed(principal: Principal) -> BaseResponse:
    """Make a calendar feed (ending any earlier one); its address is shown once."""
    token = storage().reminders.create_feed(principal.id)
    session["new_feed"] = feed_url(token)
    return redirect(url_for("web.reminders") + "#feed")


@web_blueprint.post("/reminders/feed/revoke")
@login_required(*CASEWORK)
def revoke_feed(principal: Principal) -> BaseResponse:
    """End the calendar feed: calendars subscribed to it get nothing more."""
    if storage().reminders.revoke_feed(principal.id):
        flash(translate(N_("The calendar feed is revoked: its address no longer works.")))
    return redirect(url_for("web.reminders") + "#feed")


@web_blueprint.get("/calendar/<token>.ics")
def calendar_feed(token: str) -> Response:
    """A person's deadlines as iCalendar, for calendar apps (the address is the secret)."""
    owner = storage().reminders.feed_owner(token) if len(token) <= 100 else None
    if owner is None:
        raise FeedNotFoundError()
    reminders = collect_reminders(storage(), owner, today=kyiv_today(), until=None, lang=owner.lang)
    body = render_calendar(reminders, lang=owner.lang, base_url=public_url())
    response = Response(body, mimetype="text/calendar")
    response.headers["Content-Type"] = MEDIA_TYPE
    response.headers["Content-Disposition"] = 'inline; filename="deadlines.ics"'
    response.headers["Cache-Control"] = "private, no-store"
    return response
