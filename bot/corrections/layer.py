"""The corrections in force on items, and applying them to what the queries read.

Pure: the store (`bot.corrections.store`) reads the rows; this module folds them, in the
order they were made, into one `Layer` per item and lays it over the extracted view.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from bot.timeline.records import EventView, RoleView

# What each field of a correction changes, in the words answers use.
FIELDS = ("status", "place", "dates", "title", "role", "unrole", "hide", "verify")


@dataclass
class Layer:
    """What editors decided about one item: the newest correction of each field wins."""

    status: str | None = None
    place: str | None = None
    place_id: int | None = None
    dates: tuple[date, date, str] | None = None
    title: str | None = None
    roles: list[RoleView] = field(default_factory=list)
    unroles: list[str] = field(default_factory=list)  # role titles hidden, lower-cased
    hidden: bool = False
    hidden_reason: str | None = None
    verified: bool = False
    split: bool = False  # an editor split this record, or made it by a split
    corrected_at: datetime | None = None  # the newest correction of a fact (not verify)

    @property
    def corrected(self) -> bool:
        return self.corrected_at is not None


@dataclass(frozen=True)
class Made:
    """One correction in force, as the layer needs it."""

    field: str
    value: str  # JSON
    reason: str | None
    made_at: datetime


def fold(made: list[Made]) -> Layer:
    """The layer of one item from its corrections in force, oldest first."""
    layer = Layer()
    for one in made:
        value = json.loads(one.value)
        if one.field == "verify":
            layer.verified = True
            continue
        if one.field == "hide":
            layer.hidden, layer.hidden_reason = True, one.reason
            continue
        if one.field == "status":
            layer.status = value["status"]
        elif one.field == "place":
            layer.place, layer.place_id = value["name"], value.get("place_id")
        elif one.field == "dates":
            layer.dates = (
                date.fromisoformat(value["start"]),
                date.fromisoformat(value["end"]),
                value["granularity"],
            )
        elif one.field == "title":
            layer.title = value["title"]
        elif one.field == "role":
            since = value.get("since")
            layer.roles.append(
                RoleView(value["role"], value.get("affiliation"),
                         date.fromisoformat(since) if since else None, None, None,
                         by_editor=True)
            )
        elif one.field == "unrole":
            layer.unroles.append(value["role"].lower())
        elif one.field == "split":
            layer.split = True
        layer.corrected_at = one.made_at
    return layer


def apply_to_event(view: EventView, layer: Layer | None) -> EventView:
    """The event as answers show it: editors' facts over the extractor's."""
    if layer is None:
        return view
    changes: dict = {"verified": layer.verified, "hidden": layer.hidden}
    corrected: list[str] = []
    if layer.status is not None:
        changes["status"] = layer.status
        corrected.append("status")
    if layer.place is not None:
        changes["place"], changes["place_id"] = layer.place, layer.place_id
        corrected.append("place")
    if layer.dates is not None:
        changes["start"], changes["end"], changes["granularity"] = layer.dates
        corrected.append("dates")
    if layer.title is not None:
        changes["title"] = layer.title
        corrected.append("title")
    if layer.split:
        corrected.append("reports")  # which reports are of it: an editor's split decided
    changes["corrected"] = tuple(corrected)
    return replace(view, **changes)


def apply_to_roles(roles: list[RoleView], layer: Layer | None) -> list[RoleView]:
    """Editors' role claims first (they outrank the extracted ones); hidden claims gone."""
    if layer is None:
        return roles
    kept = [r for r in roles if r.role.lower() not in layer.unroles]
    return list(reversed(layer.roles)) + kept
