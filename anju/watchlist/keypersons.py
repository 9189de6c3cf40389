"""Key-person scoring (重点人员): rules in data, features computed from records, every point explained.

Rules may use only the features listed here. A rule on a protected attribute —
ethnicity, religion, political status, origin province or any other in
anju.lib.codes.PROTECTED_ATTRIBUTES — is refused by name, whatever it is called.
A score proposes a level; nothing acts on a person until an officer confirms.
"""
import operator as op
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.audit.services import audit_log
from anju.lib.codes import PROTECTED_ATTRIBUTES
from anju.watchlist.choices import Decision, Level
from anju.watchlist.models import Alert, KeyPerson, PriorOffence, ScoringRule

# Also refused, whatever the spelling: the words behind the protected attributes.
PROTECTED_WORDS = ("ethnic", "nation", "religio", "faith", "politic", "party", "origin", "hukou", "birthplace",
                   "province", "region", "民族", "宗教", "政治", "籍贯", "户籍")

FEATURES = {
    "prior_offences": ("前科次数（窗口期内）", "number of prior offences (within the window)"),
    "days_since_last_offence": ("距最近一次违法犯罪的天数", "days since the last offence"),
    "watchlist_hits": ("比中预警次数（窗口期内）", "watchlist alerts raised (within the window)"),
    "addresses_in_window": ("窗口期内登记或申报的不同地址数", "different addresses registered or declared within the window"),
    "refused_credentials": ("窗口期内门禁拒绝其门卡的次数（挂失、注销、过期、暂停的卡）",
                            "door refusals of the person's cards within the window (lost, cancelled, expired, suspended)"),
}
OPERATORS = {">=": op.ge, ">": op.gt, "<=": op.le, "==": op.eq}


class RuleError(ValueError):
    pass


def check_feature(feature: str) -> None:
    name = (feature or "").strip().lower()
    if name in PROTECTED_ATTRIBUTES or any(word in name for word in PROTECTED_WORDS):
        raise RuleError(_("Rules may not use %(f)s: ethnicity, religion, political status, origin and other protected "
                          "attributes are never scored") % {"f": feature})
    if name not in FEATURES:
        raise RuleError(_("Unknown feature %(f)s; known: %(known)s") % {"f": feature, "known": ", ".join(FEATURES)})


@transaction.atomic
def rule_save(*, actor, name: str, feature: str, operator: str, threshold: float, points: int,
              window_days: int | None = None) -> ScoringRule:
    if actor.role != "admin":
        raise RuleError(_("Only administrators define scoring rules"))
    check_feature(feature)
    if operator not in OPERATORS:
        raise RuleError(_("Unknown operator %(o)s") % {"o": operator})
    rule = ScoringRule.objects.create(name=name, feature=feature.strip().lower(), operator=operator,
                                      threshold=threshold, points=points, window_days=window_days)
    audit_log(actor=actor, action="rule.create", object_type="rule", object_ids=[rule.pk],
              detail={"feature": rule.feature, "operator": operator, "threshold": threshold, "points": points})
    return rule


def _features(id_hashes: list[str], rule: ScoringRule, today) -> dict[str, float]:
    since = today - timedelta(days=rule.window_days) if rule.window_days else None
    if rule.feature == "prior_offences":
        qs = PriorOffence.objects.filter(id_hash__in=id_hashes)
        if since:
            qs = qs.filter(offence_date__gte=since)
        return dict(qs.values_list("id_hash").annotate(n=Count("pk")))
    if rule.feature == "days_since_last_offence":
        last = PriorOffence.objects.filter(id_hash__in=id_hashes).values_list("id_hash").annotate(d=Max("offence_date"))
        return {h: (today - d).days for h, d in last}
    if rule.feature == "watchlist_hits":
        qs = Alert.objects.filter(id_hash__in=id_hashes)
        if since:
            qs = qs.filter(raised_at__date__gte=since)
        return dict(qs.values_list("id_hash").annotate(n=Count("pk")))
    if rule.feature == "addresses_in_window":
        from anju.registrations.models import Declaration, Registration

        places: dict[str, set] = {}
        regs = Registration.objects.filter(id_hash__in=id_hashes)
        decs = Declaration.objects.filter(id_hash__in=id_hashes)
        if since:
            regs, decs = regs.filter(starts_on__gte=since), decs.filter(created_at__date__gte=since)
        for h, address in [*regs.values_list("id_hash", "address"), *decs.values_list("id_hash", "house__address")]:
            places.setdefault(h, set()).add(address)
        return {h: len(p) for h, p in places.items()}
    if rule.feature == "refused_credentials":
        from anju.doors.models import DoorEvent

        qs = DoorEvent.objects.filter(result="refused", credential__registration__id_hash__in=id_hashes)
        if since:
            qs = qs.filter(occurred_at__date__gte=since)
        return dict(qs.values_list("credential__registration__id_hash").annotate(n=Count("pk")).order_by())
    raise RuleError(f"unknown feature {rule.feature}")


@dataclass(frozen=True)
class LevelBand:
    level: str
    min_score: int
    review_days: int


def level_bands() -> list[LevelBand]:
    return [LevelBand(level, score, days) for level, score, days in settings.ANJU_KEYPERSON_LEVELS]


def propose(score: int) -> LevelBand | None:
    for band in sorted(level_bands(), key=lambda b: -b.min_score):
        if score >= band.min_score:
            return band
    return None


def keypersons_score(*, people: dict[str, dict]) -> int:
    """Scores people (id_hash → {name, id_masked, node}) with the active rules; returns how many have a score.

    A changed proposal goes back to "proposed": an earlier confirmation does not carry over to a new level.
    """
    today = timezone.localdate()
    hashes = list(people)
    rules = list(ScoringRule.objects.filter(active=True))
    for rule in rules:
        check_feature(rule.feature)  # a rule smuggled into the table by hand is refused here too
    explanations: dict[str, list] = {h: [] for h in hashes}
    for rule in rules:
        values = _features(hashes, rule, today)
        compare = OPERATORS[rule.operator]
        for h, value in values.items():
            if value is not None and compare(value, rule.threshold):
                explanations[h].append({"rule": rule.name, "feature": rule.feature, "value": value,
                                        "operator": rule.operator, "threshold": rule.threshold, "points": rule.points})
    scored = 0
    now = timezone.now()
    for h, parts in explanations.items():
        score = sum(p["points"] for p in parts)
        band = propose(score)
        current = KeyPerson.objects.filter(id_hash=h).first()
        if band is None and current is None:
            continue
        info = people[h]
        proposed = band.level if band else ""
        if current is None:
            current = KeyPerson(id_hash=h, decision=Decision.PROPOSED)
        elif current.proposed_level != proposed:
            current.decision = Decision.PROPOSED
        current.name, current.id_masked, current.jurisdiction = info["name"], info["id_masked"], info["node"]
        current.score, current.explanation, current.proposed_level, current.scored_at = score, parts, proposed, now
        current.save()
        scored += 1
    return scored


@transaction.atomic
def keyperson_decide(*, actor, person: KeyPerson, confirm: bool, reason: str) -> KeyPerson:
    """An officer confirms the proposed level, or rejects it. Always with a reason; always audited."""
    if actor.role not in ("officer", "commander", "admin"):
        raise RuleError(_("Only police decide on key persons"))
    if not KeyPerson.objects.restrict(actor).filter(pk=person.pk).exists():
        raise RuleError(_("This person is outside your jurisdiction"))
    if not (reason or "").strip():
        raise RuleError(_("Give the reason for the decision"))
    band = next((b for b in level_bands() if b.level == person.proposed_level), None)
    person.decision = Decision.CONFIRMED if confirm else Decision.REJECTED
    person.level = person.proposed_level if confirm else ""
    person.review_due = timezone.localdate() + timedelta(days=band.review_days) if confirm and band else None
    person.decided_by, person.decision_reason = actor, reason.strip()[:300]
    person.save(update_fields=["decision", "level", "review_due", "decided_by", "decision_reason"])
    audit_log(actor=actor, action="keyperson.decide", object_type="keyperson", object_ids=[person.pk],
              detail={"confirm": confirm, "level": person.level, "reason": reason})
    return person


def candidates() -> dict[str, dict]:
    """Whom to score: people with an offence or an alert on record, placed where they are registered."""
    from anju.registrations.models import Registration

    hashes = set(PriorOffence.objects.values_list("id_hash", flat=True)) | set(
        Alert.objects.exclude(id_hash="").values_list("id_hash", flat=True))
    people = {}
    for reg in Registration.objects.filter(id_hash__in=hashes, status="active").select_related("jurisdiction"):
        people[reg.id_hash] = {"name": reg.name, "id_masked": reg.id_masked, "node": reg.jurisdiction}
    for alert in Alert.objects.filter(id_hash__in=hashes - set(people)).select_related("jurisdiction").order_by("raised_at"):
        people[alert.id_hash] = {"name": alert.name, "id_masked": alert.id_masked, "node": alert.jurisdiction}
    return people
