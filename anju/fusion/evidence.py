"""A finding's evidence in the reader's language. The scoring rules (lib/fusion/findings.py, pure Python) give each
rule its name, points, a line in English and what that line says as values (``params``); the finding's page says
the line again from those values through Django's translations, one sentence per rule (``RULE_LABELS`` says what
the rule means, this what it found). A finding stored by a run before the rules gave their values keeps its English
line. The exported files carry no evidence (shared/spec/interchange.md)."""
from __future__ import annotations

from django.utils.translation import gettext as _, gettext_lazy

from anju.fusion.choices import RULE_LABELS

# seen_elsewhere: where the home records were
_WHERE = {
    "outside": gettext_lazy("outside the area"),
    "other_room": gettext_lazy("in another room of the same building"),
    "other_address": gettext_lazy("at another address"),
}


def _or_dash(value) -> str:
    return "—" if value in (None, "") else str(value)


def _recent(p: dict, feeds) -> str:
    if "elsewhere_on" in p:  # a stale registration: its person seen at home elsewhere lately
        return _("last seen elsewhere %(on)s") % {"on": p["elsewhere_on"]}
    return _("last home record %(days)s days before %(as_of)s") % p


def _home_since(p: dict, feeds) -> str:
    return _("last home record %(days)s days ago; other traces until %(until)s") % {
        "days": p["days"], "until": _or_dash(p["until"])}


def _traces_stopped(p: dict, feeds) -> str:
    said = _("no record of any kind for %(silence)s days after records on %(days)s days") % p
    also = []
    if p.get("registered_on"):
        also.append(_("registered here on %(on)s, after the last record (their earlier home's records left out)")
                    % {"on": p["registered_on"]})
    if p.get("newcomer_on"):
        also.append(_("someone else was first seen at home there on %(on)s") % {"on": p["newcomer_on"]})
    if p.get("household_quiet"):
        also.append(_("nobody else registered at this address has been seen since either"))
    for more in also:
        said = _("%(said)s; %(more)s") % {"said": said, "more": more}
    odds = _("left with probability %(left).2f (share of leavers %(leavers).3f)") % p
    return _("%(said)s: %(odds)s") % {"said": said, "odds": odds}


def _home_records(p: dict, feeds) -> str:
    said = _("%(records)s home records on %(days)s days (feed trust %(trust).2f)") % p
    if p.get("stated"):
        said = _("%(said)s; %(more)s") % {"said": said, "more": _("a form states the home")}
    return said


_SENTENCES = {
    "home_records": _home_records,
    "home_feeds_agree": lambda p, feeds: " + ".join(feeds(name) for name in p["feeds"]),
    "over_time": lambda p, feeds: _("from %(start)s to %(end)s") % p,
    "recent": _recent,
    "still_around": _home_since,
    "not_recent": _home_since,
    "quiet_lately": lambda p, feeds: _("silent since %(since)s: left with probability %(left).2f")
    % {"since": _or_dash(p["since"]), "left": p["left"]},
    "known_identity": lambda p, feeds: _("linked to a person of the identity registry or a registration"),
    "valid_id_number": lambda p, feeds: _("a valid ID number, not in the registry"),
    "moved_within_building": lambda p, feeds: _(
        "registered in %(registered)s of this building; the home records name %(room)s since %(since)s") % p,
    "room_known": lambda p, feeds: _("the records name the room"),
    "home_records_elsewhere": lambda p, feeds: _(
        "also seen at home in %(buildings)s other building(s) lately, since %(since)s") % p,
    "registration_elsewhere_stale": lambda p, feeds: _("registration %(numbers)s found stale on these home records")
    % {"numbers": ", ".join(p["registrations"])},
    "registered_unplaced": lambda p, feeds: _("an active registration whose address could not be placed"),
    "back_after_deregistration": lambda p, feeds: _(
        "registration %(number)s in this building ended on %(on)s; seen at home here since")
    % {"number": p["registration"], "on": _or_dash(p["ended_on"])},
    "seen_elsewhere": lambda p, feeds: _("home records %(where)s on %(days)s days, %(start)s to %(end)s")
    % {**p, "where": _WHERE[p["where"]]},
    "never_at_registered_address": lambda p, feeds: _("no home record at the registered address"),
    "left_registered_address": lambda p, feeds: _(
        "home records at the registered address until %(until)s, and elsewhere only after") % p,
    "traces_stopped": _traces_stopped,
}


def _params(name: str, detail: str, rest: list) -> dict | None:
    if rest and isinstance(rest[0], dict):
        return rest[0]
    if name == "home_feeds_agree":  # stored before the rules gave values: the line is the feeds' names
        return {"feeds": detail.split(" + ")}
    return None


def feeds_named(rules: list) -> set[str]:
    """The feeds (by their names in the data) a finding's stored rules name."""
    return {feed for name, _points, detail, *rest in rules for feed in (_params(name, detail, rest) or {}).get(
        "feeds", ())}


def rule_detail(name: str, detail: str, params: dict | None, feeds=str) -> str:
    """One rule's line in the current language; ``feeds(name)`` names a feed for a reader. The stored English line
    where the rule gave no values (a run before they were kept) or values this code cannot read."""
    sentence = _SENTENCES.get(name)
    if sentence is None or not isinstance(params, dict):
        return detail
    try:
        return sentence(params, feeds)
    except (KeyError, TypeError, ValueError):
        return detail


def rules_in_words(rules: list, feeds=str) -> list[dict]:
    """A finding's stored rules ([name, points, detail] or [name, points, detail, params]) for its page."""
    out = []
    for name, points, detail, *rest in rules:
        out.append({"name": name, "label": RULE_LABELS.get(name, name), "points": points,
                    "detail": rule_detail(name, detail, _params(name, detail, rest), feeds)})
    return out
