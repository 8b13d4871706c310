"""The case page's packet form: whom it is for, and the documents their plans list.

Only what a chosen person's plan lists is offered; the documents the plan marks ready are
preselected. The form posts the API's choice (`child_ids`, `documents`) to the packet views
(service/web/views.py), which pick the pairs with `casework.select_packet`.
"""

from __future__ import annotations

from typing import Any

from service.casework import planned_documents, read_plan
from service.i18n import N_
from service.storage import CaseView
from service.web.plans import status_label
from service.web.views import person_name, storage, template_title, translate, web_blueprint

STATE_LABELS = {
    "ready": N_("ready to make"),
    "not_ready": N_("not ready yet"),
}


def step_anchor(key: str) -> str:
    """The checklist's id of a plan step (service/web/plans.py makes the same)."""
    return "step-" + key.replace(".", "-")


@web_blueprint.app_template_global()
def packet_offer(case: CaseView, lang: str) -> dict[str, Any]:
    """The packet form's choices: the people with documents in their plans, and the documents.

    A document is preselected when it is ready for someone and can be made for everyone
    whose plan lists it (the form starts with everyone chosen; a copy of one already filed
    does no harm, one that lacks data would refuse the packet). Each person's state of each
    document is told beside it.
    """
    plan, _steps = read_plan(storage(), case)
    documents = planned_documents(plan)
    names = {str(child.get("id")): person_name(child) for child in case.data.get("children") or []}
    names["mother"] = person_name(case.data.get("mother"))
    people: dict[str, dict[str, Any]] = {}
    offered: dict[str, dict[str, Any]] = {}
    for document in documents:
        person = people.setdefault(
            document.person,
            {
                "id": document.person,
                "name": names.get(document.person, ""),
                "is_mother": document.person == "mother",
            },
        )
        entry = offered.setdefault(
            document.template,
            {"template": document.template, "title": template_title(document.template, lang)},
        )
        if document.ready:
            state = translate(STATE_LABELS["ready"])
        elif document.status in ("pending", "prepared"):
            state = translate(STATE_LABELS["not_ready"])
        else:
            state = status_label(document.status)
        entry.setdefault("people", []).append(
            {
                "id": document.person,
                "name": person["name"],
                "is_mother": person["is_mother"],
                "ready": document.ready,
                "makeable": document.makeable,
                "state": state,
                "anchor": step_anchor(document.key),
            }
        )
    for entry in offered.values():
        entry["ready_for"] = [one["id"] for one in entry["people"] if one["ready"]]
        entry["blocked_for"] = [one["id"] for one in entry["people"] if not one["makeable"]]
        entry["checked"] = bool(entry["ready_for"]) and not entry["blocked_for"]
    return {"people": list(people.values()), "documents": list(offered.values())}
