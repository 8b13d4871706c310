"""The admin's list of people: who may sign in, and disabling or enabling them.

Disabling ends the person's page sessions and revokes their API tokens at once; both
actions ask for a confirmation on a page of their own (no JavaScript needed).
"""

from __future__ import annotations

from typing import Any

from flask import current_app, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from service.errors import NotFoundError
from service.i18n import N_
from service.principal import Principal
from service.web.security import login_required, users
from service.web.views import translate, web_blueprint

ADMIN = ("admin",)
ROLE_NAMES = {
    "caseworker": N_("caseworker"),
    "partner": N_("partner organisation"),
    "admin": N_("administrator"),
}
# What each action is called on its confirmation page and what it does.
ACTIONS = {
    "disable": {
        "title": N_("Disable %(email)s?"),
        "explanation": N_(
            "They are signed out of the pages at once and cannot sign in; their API tokens "
            "stop working for good. Enabling them again lets them sign in, but their tokens "
            "stay revoked: make new ones."
        ),
        "button": N_("Disable"),
        "done": N_("%(email)s is disabled: signed out, and their API tokens are revoked."),
    },
    "enable": {
        "title": N_("Enable %(email)s?"),
        "explanation": N_(
            "They can sign in to the pages again. Their revoked API tokens stay revoked."
        ),
        "button": N_("Enable"),
        "done": N_("%(email)s is enabled: they can sign in again."),
    },
}


def role_name(role: str) -> str:
    """What a role is called, for the page."""
    return translate(ROLE_NAMES[role]) if role in ROLE_NAMES else role


def find_user(user_id: str) -> dict[str, Any]:
    """One user of the list, or a 404 page."""
    for user in users().list_users():
        if user["id"] == user_id:
            return user
    raise NotFoundError()


@web_blueprint.get("/admin/users")
@login_required(*ADMIN)
def people(principal: Principal) -> str:
    """Every person who may sign in, with their state and a Disable or Enable button."""
    organisations = {
        organisation["id"]: organisation["name"]
        for organisation in current_app.extensions["access"].list_organisations()
    }
    return render_template(
        "users.html",
        people=users().list_users(),
        organisations=organisations,
        role_name=role_name,
        me=principal.id,
    )


@web_blueprint.route(
    "/admin/users/<user_id>/<any(disable, enable):action>", methods=["GET", "POST"]
)
@login_required(*ADMIN)
def change_person(user_id: str, action: str, principal: Principal) -> str | BaseResponse:
    """Confirm, then disable or enable a person (an admin never disables themselves here)."""
    user = find_user(user_id)
    texts = ACTIONS[action]
    if user_id == principal.id and action == "disable":
        flash(translate(N_("You cannot disable yourself; another administrator can.")), "warning")
        return redirect(url_for("web.people"))
    if request.method == "GET":
        return render_template(
            "user_confirm.html",
            user=user,
            action=action,
            title=translate(texts["title"], email=user["email"]),
            explanation=translate(texts["explanation"]),
            button=translate(texts["button"]),
            role_name=role_name,
        )
    store = users()
    if action == "disable":
        store.disable(user_id, actor=principal.id)
    else:
        store.enable(user_id, actor=principal.id)
    flash(translate(texts["done"], email=user["email"]))
    return redirect(url_for("web.people"))
