"""The facts of a child's return that decide the route home (service/planning).

A case's child may carry a `situation`; the planning rules read it, documents never see
it (a document's data is pruned to its template's schema). Every choice has a plain
label and a short hint for the case form: `SITUATION_CHOICES`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from marshmallow import ValidationError, fields, pre_load, validates_schema

from service.i18n import N_
from service.schemas.base import BaseSchema, is_future
from service.schemas.common import PlaceSchema
from service.schemas.fields import ChoiceField

# Where a child returned from, when it is not a place of Ukraine: a return from the
# occupied territory is derived from `left_from` and `left_on` (an old "tot" is dropped).
CAME_FROM = ("russia", "belarus", "third_country")
LEGACY_TOT = "tot"
DOCUMENTS = (
    "ua_birth_certificate",
    "occupation_birth_certificate",
    "medical_birth_record",
    "ua_id_card",
    "ua_passport",
    "foreign_passport",
)
CIRCUMSTANCES = (
    "deportation",
    "forced_displacement",
    "abduction",
    "captivity",
    "violence",
    "injury",
    "parent_dead_or_missing",
    "parent_in_captivity",
    "without_parental_care",
    "armed_formations",
)
WITH = ("parent", "relative", "other_adult", "alone")
HEALTH = ("missed_vaccinations", "psychological_support", "medical_care")

# field -> choice -> (label msgid, hint msgid): what the case form shows.
SITUATION_CHOICES: dict[str, dict[str, tuple[str, str]]] = {
    "came_from": {
        "russia": (
            N_("Russia"),
            N_("Came from the Russian Federation (deported or displaced there)."),
        ),
        "belarus": (
            N_("Belarus"),
            N_("Came from the Republic of Belarus."),
        ),
        "third_country": (
            N_("Another country"),
            N_("Came through or from a third country (e.g. Georgia, the Baltic states)."),
        ),
    },
    "documents": {
        "ua_birth_certificate": (
            N_("Ukrainian birth certificate"),
            N_("Issued by a Ukrainian civil registry office (ДРАЦС)."),
        ),
        "occupation_birth_certificate": (
            N_("Birth certificate of the occupying authorities"),
            N_(
                "Issued by a so-called ZAGS on the occupied territory or in Russia; not recognised."
            ),
        ),
        "medical_birth_record": (
            N_("Medical certificate of birth"),
            N_("The maternity hospital's record of the birth (form 103/o or similar)."),
        ),
        "ua_id_card": (
            N_("Ukrainian ID card"),
            N_("A passport of a citizen of Ukraine in the form of a card."),
        ),
        "ua_passport": (
            N_("Ukrainian passport booklet"),
            N_("A passport of a citizen of Ukraine in the form of a booklet."),
        ),
        "foreign_passport": (
            N_("Foreign passport"),
            N_("A passport of another state, e.g. a Russian one."),
        ),
    },
    "circumstances": {
        "deportation": (
            N_("Deportation"),
            N_("Taken by the occupying power out of Ukraine."),
        ),
        "forced_displacement": (
            N_("Forced displacement"),
            N_("Moved against their will within the occupied territory."),
        ),
        "abduction": (N_("Abduction"), N_("Taken away unlawfully by anyone.")),
        "captivity": (N_("Captivity"), N_("The child was held captive.")),
        "violence": (
            N_("Violence"),
            N_("Physical, sexual or psychological violence against the child."),
        ),
        "injury": (N_("Injury"), N_("Wound, contusion or mutilation.")),
        "parent_dead_or_missing": (
            N_("A parent died or is missing"),
            N_("A parent was killed, died or went missing because of the war."),
        ),
        "parent_in_captivity": (
            N_("A parent is in captivity"),
            N_("A parent is or was held captive."),
        ),
        "without_parental_care": (
            N_("Without parental care"),
            N_("No parent looks after the child now."),
        ),
        "armed_formations": (
            N_("Involved in armed formations"),
            N_("The child was drawn into armed formations."),
        ),
    },
    "with": {
        "parent": (N_("With a parent"), N_("Returned with the mother or the father.")),
        "relative": (
            N_("With a relative"),
            N_("Returned with a grandparent, an adult sibling or another relative."),
        ),
        "other_adult": (
            N_("With another adult"),
            N_("Returned with a volunteer, an official or another adult who is no relative."),
        ),
        "alone": (N_("Alone"), N_("Returned without any accompanying adult.")),
    },
    "health": {
        "missed_vaccinations": (
            N_("Missed vaccinations"),
            N_("Vaccinations of the Ukrainian calendar are missing or unknown."),
        ),
        "psychological_support": (
            N_("Needs psychological support"),
            N_("Signs of trauma: sleep, anxiety, withdrawal."),
        ),
        "medical_care": (
            N_("Needs medical care"),
            N_("An illness or injury that needs a doctor."),
        ),
    },
}

# field -> (label msgid, hint msgid), for every field of the situation.
SITUATION_FIELDS: dict[str, tuple[str, str]] = {
    "came_from": (N_("Came from"), N_("Where the child returned from.")),
    "documents": (N_("Documents the child has"), N_("Tick every document at hand.")),
    "circumstances": (
        N_("What happened to the child"),
        N_("Tick every circumstance that applies."),
    ),
    "with": (N_("Returned with"), N_("Who accompanied the child home.")),
    "health": (N_("Health needs"), N_("Tick what the child needs now.")),
    "idp_registered": (
        N_("Registered as an internally displaced person"),
        N_("Already holds an IDP certificate."),
    ),
}

MSG_CHOOSE = N_("Choose one of the listed values.")
MSG_TWICE = N_("A value is listed twice.")
MSG_FUTURE = N_("The date cannot be in the future.")
MSG_RETURN_BEFORE_LEAVING = N_("The child cannot return before leaving: check both dates.")
MSG_RETURN_BEFORE_BIRTH = N_("The date is before the child's birth.")


def check_unique(values: Sequence[Any]) -> None:
    """Refuse a list that names one value twice."""
    if len(set(values)) != len(values):
        raise ValidationError(MSG_TWICE)


def choice_list(choices: tuple[str, ...]) -> fields.List[str]:
    """A list of values from `choices`, each at most once."""
    return fields.List(
        ChoiceField(choices, error=MSG_CHOOSE),
        validate=check_unique,
        metadata={"uniqueItems": True},
    )


class SituationSchema(BaseSchema):
    """How a child returned, and what the child has and needs (the plan's facts).

    Whether the child was born on the occupied territory, or came from it, is derived
    (from the birth place and date; from `left_from` and `left_on`), never ticked:
    `born_in_tot` is still accepted from old clients and ignored.
    """

    came_from = ChoiceField(
        CAME_FROM,
        error=MSG_CHOOSE,
        metadata={
            "description": "Where the child returned from, when `left_from` does not say it:"
            " a place abroad gives its country; a place in Ukraine, whether it was occupied"
            " on `left_on`"
        },
    )
    left_from = fields.Nested(
        PlaceSchema,
        metadata={"description": "Where the child lived before the return (in Ukraine or abroad)"},
    )
    left_on = fields.Date(metadata={"description": "The day the child left that place"})
    returned_on = fields.Date(
        metadata={
            "description": "The day the child came back to Ukraine (or to territory Ukraine"
            " controls): a deadline counts from it when the event it counts from came earlier",
            "example": "2026-10-05",
        }
    )

    @pre_load
    def drop_ticked_occupation(self, data: Any, **kwargs: Any) -> Any:
        """Forget an old "came from the occupied territory" tick: it is derived now."""
        if isinstance(data, dict) and data.get("came_from") == LEGACY_TOT:
            return {key: value for key, value in data.items() if key != "came_from"}
        return data

    born_in_tot = fields.Boolean(
        load_only=True,
        metadata={
            "deprecated": True,
            "description": "Ignored: derived from the birth place and date. Accepted until the"
            " next release",
        },
    )
    documents = choice_list(DOCUMENTS)
    circumstances = choice_list(CIRCUMSTANCES)
    with_ = ChoiceField(WITH, error=MSG_CHOOSE, data_key="with")
    health = choice_list(HEALTH)
    idp_registered = fields.Boolean()

    @validates_schema(skip_on_field_errors=True)
    def check_return(self, data: Mapping[str, Any], **kwargs: Any) -> None:
        """A return lies neither in the future nor before the child left."""
        returned_on, left_on = data.get("returned_on"), data.get("left_on")
        if returned_on is None:
            return
        if is_future(returned_on):
            raise ValidationError(MSG_FUTURE, "returned_on")
        if left_on is not None and returned_on < left_on:
            raise ValidationError(MSG_RETURN_BEFORE_LEAVING, "returned_on")
