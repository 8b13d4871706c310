"""Places of Ukraine by the KATOTTG codifier: what a place picker offers while typing."""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify, request

from service.access.guard import allow
from service.api.blueprint import EVERY_ROLE, api_blueprint
from service.api.contract import Answer, declare
from service.api.requests import load_query
from service.schemas.requests import PlaceQuerySchema
from service.schemas.responses import PlaceListSchema
from service.ukrainian.codifier import Place, suggest_places


def present_place(place: Place) -> dict[str, Any]:
    """A place as the API gives it: the code, the units, one line in each language."""
    return {
        "katottg": place.katottg,
        "settlement": place.settlement,
        "district": place.district,
        "hromada": place.hromada,
        "raion": place.raion,
        "oblast": place.oblast,
        "line": {"uk": place.line, "en": place.line_en},
    }


@api_blueprint.get("/places")
@allow(*EVERY_ROLE)
@declare(Answer(200, "Places whose names begin so", PlaceListSchema), query=PlaceQuerySchema)
def list_places() -> Response:
    """Find settlements by the beginning of their name (Cyrillic or Latin), exact names first."""
    query = load_query(request, PlaceQuerySchema)
    places = suggest_places(query["q"], query["limit"])
    return jsonify(places=[present_place(place) for place in places])
