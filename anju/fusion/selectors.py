"""The read path for findings: scoped to the reader's jurisdiction (`Finding.objects.restrict`) and audited."""
from django.db.models import Count, Q
from django.http import Http404

from anju.accounts.choices import Area, readers_of
from anju.audit.services import audit_log
from anju.core.paging import first_and_total
from anju.fusion.choices import FindingKind, FindingStatus
from anju.fusion.models import Finding, Observation, Profile, Residence, Source

FINDING_ROLES = readers_of(Area.FINDINGS)  # accounts/choices.ROLE_READS


def can_see_findings(user) -> bool:
    return bool(user and user.is_authenticated and user.may_read(Area.FINDINGS))


def _about(id_hash: str) -> Q:
    """Findings about the person of this number: found under it, or about a registration of it (a stale one).

    The number's registrations are read first (their ids, by the registrations' index on the number), so that each half
    is an index look-up (Finding's id_hash, registration): the OR across a join to the registrations read every finding
    of the jurisdiction on PostgreSQL (0.28 s at 100,000 findings, for each person page)."""
    from anju.registrations.models import Registration  # registrations sits below fusion (ARCHITECTURE.md)

    registrations = list(Registration.objects.filter(id_hash=id_hash).values_list("pk", flat=True))
    return Q(id_hash=id_hash) | Q(registration__in=registrations)


def finding_list(*, user, kind: str = "", status: str = FindingStatus.OPEN, mine: bool = False, person=None):
    """``person``: a person's pk of the register, the findings about whom these are, if the reader may read that
    person (people.selectors.person_queryset)."""
    qs = Finding.objects.restrict(user).select_related("jurisdiction", "assignee", "standard_address")
    if person is not None:
        from anju.people.selectors import person_queryset

        try:
            pk = int(person)
        except (TypeError, ValueError):
            return qs.none()
        id_hash = person_queryset(user=user).filter(pk=pk).values_list("id_hash", flat=True).first()
        qs = qs.filter(_about(id_hash)) if id_hash else qs.none()
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    if mine:
        qs = qs.filter(assignee=user)
    return qs.order_by("-score", "pk")


def person_findings(*, user, id_hash: str, limit: int = 5, request=None) -> tuple[list[Finding], int]:
    """The findings about a person in the reader's jurisdiction (``_about``), newest first: the first ``limit``
    (audited) and how many there are. For the staff person page (fusion.panels)."""
    qs = Finding.objects.restrict(user).filter(_about(id_hash)).order_by("-created_at", "-pk")
    shown, total = first_and_total(qs, limit=limit)
    if shown:
        audit_log(actor=user, action="fusion.finding.list", object_type="finding", object_ids=[f.pk for f in shown],
                  request=request)
    return shown, total


def findings_open_count(*, user) -> int:
    """The open findings in the reader's jurisdiction (the findings list as it opens), counted."""
    return Finding.objects.restrict(user).filter(status=FindingStatus.OPEN).count()


SCORE_BANDS = ((50, 59), (60, 69), (70, 79), (80, 89), (90, 100))


def decisions_by_score(*, user) -> list[dict]:
    """How the scores fared with the officers, in the reader's jurisdiction: per kind and score band, the findings
    decided on site and the share confirmed. The evidence for setting a city's thresholds (``ANJU_FUSION``); counts
    only, no person. Bands below 50 hold findings raised under a lower threshold."""
    decided = Finding.objects.restrict(user).filter(status__in=(FindingStatus.CONFIRMED, FindingStatus.REJECTED))
    counts = {(row["kind"], row["score"]): row for row in decided.values("kind", "score").annotate(
        n=Count("pk"), confirmed=Count("pk", filter=Q(status=FindingStatus.CONFIRMED)))}
    out = []
    for kind, label in FindingKind.choices:
        for low, high in ((0, 49), *SCORE_BANDS):
            rows = [r for (k, score), r in counts.items() if k == kind and low <= score <= high]
            n = sum(r["n"] for r in rows)
            if n:
                confirmed = sum(r["confirmed"] for r in rows)
                out.append({"kind": kind, "label": label, "band": f"{low}–{high}", "decided": n,
                            "confirmed": confirmed, "share": confirmed / n})
    return out


def finding_get(*, user, pk, request=None) -> Finding:
    finding = Finding.objects.restrict(user).select_related(
        "jurisdiction", "assignee", "standard_address", "registration", "decided_by", "result_registration", "resolved_by",
        "person_declaration").filter(
        pk=pk).first()
    if finding is None:
        raise Http404
    audit_log(actor=user, action="fusion.finding.read", object_type="finding", object_ids=[finding.pk],
              request=request)
    return finding


def finding_records(*, finding: Finding, limit: int = 200) -> list[tuple[Observation, Profile | None]]:
    """The records behind a finding, each with the identity it carried (read with the finding, which was audited)."""
    records = list(Observation.objects.filter(record_id__in=finding.record_ids[:limit]).select_related("source")
                   .order_by("-observed_at")[:limit])
    profiles = {p.key: p for p in Profile.objects.filter(key__in={r.profile for r in records})}
    return [(r, profiles.get(r.profile)) for r in records]


def feed_names(*, names) -> dict[str, str]:
    """The feeds named in a finding's evidence, by name, for a reader (``Source.display_name``): one query."""
    return {s.name: s.display_name for s in Source.objects.filter(name__in=set(names))} if names else {}


_COVERAGE = {
    "residents": Count("pk", filter=Q(kind=Residence.PERSON)),
    "residents_registered": Count("pk", filter=Q(kind=Residence.PERSON, matched=True)),
    "registrations": Count("pk", filter=Q(kind=Residence.REGISTRATION)),
    "registrations_confirmed": Count("pk", filter=Q(kind=Residence.REGISTRATION, matched=True)),
    "registrations_contradicted": Count("pk", filter=Q(kind=Residence.REGISTRATION, contradicted=True)),
}


def coverage_rates(counts: dict) -> dict:
    """The rates of ``fusion_coverage`` from its counts (keys of ``_COVERAGE``; the cockpit's aggregates hold the same
    counts per node): registration_rate, accuracy (the share of registrations not contradicted) and confirmed (the share
    confirmed by recent traces), each None when there is nothing to count."""
    counts = {k: counts.get(k) or 0 for k in _COVERAGE}
    registrations = counts["registrations"]
    counts["registration_rate"] = counts["residents_registered"] / counts["residents"] if counts["residents"] else None
    counts["accuracy"] = 1 - counts["registrations_contradicted"] / registrations if registrations else None
    counts["confirmed"] = counts["registrations_confirmed"] / registrations if registrations else None
    return counts


def coverage_by_node() -> list[dict]:
    """``fusion_coverage``'s counts for each node that holds residences of the latest run (its own rows, not its
    subtree's: ``node_id`` and the keys of ``_COVERAGE``), in one grouped query, for the cockpit to roll up."""
    return list(Residence.objects.values("node_id").annotate(**_COVERAGE).order_by())


def fusion_coverage(*, node) -> dict:
    """Registration rate and accuracy for ``node``'s subtree from the latest fusion run, in one aggregate query.

    Method: residents = resolved persons whose newest home record (door, lock) is at an address in the subtree, of
    whom registered = those with an active registration in that building; registrations = active registrations
    at addresses in the subtree, of which contradicted = those the run found stale (an open stale finding: seen living
    elsewhere, or traces stopped, scored at ``stale_min_score`` or more and not rejected by an officer) and confirmed =
    the others whose person left a trace within ``stale_quiet_days`` and was not seen living elsewhere since.
    registration_rate = registered / residents; accuracy = share of registrations not contradicted; confirmed = share
    confirmed (None when nothing to count). A registration nothing speaks against (its person has no records at all, or
    is quiet without a stale finding) is not contradicted: a silence is evidence of leaving only as far as the finding
    scores it. People with no home record are not counted as residents: the rate is over those the data can see.
    """
    return coverage_rates(Residence.objects.filter(path__startswith=node.path).aggregate(**_COVERAGE))


def fusion_coverage_by_child(*, node) -> dict[int, dict]:
    """``fusion_coverage`` for each child of ``node`` (keyed by the child's pk), in one grouped query."""
    from anju.jurisdictions.models import Node

    children = list(Node.objects.filter(parent=node).values_list("pk", "path"))
    per_node = (Residence.objects.filter(path__startswith=node.path).values("path")
                .annotate(**_COVERAGE).order_by())
    out = {pk: dict.fromkeys(_COVERAGE, 0) for pk, _path in children}
    for row in per_node:
        for pk, path in children:
            if row["path"].startswith(path):
                for k in _COVERAGE:
                    out[pk][k] += row[k]
                break
    return {pk: coverage_rates(c) for pk, c in out.items()}


def findings_to_confirm(*, user, request=None) -> list[Finding]:
    """The residence information a public user was asked by SMS to confirm (``services.findings_ask_persons``): open,
    unanswered findings whose asked number is their account's phone. Only the address and since when leave; the read is
    audited when there is something to show."""
    from anju.fusion.services import phone_hash

    if not (user and user.is_authenticated and user.phone) or user.is_staff_role:
        return []
    found = list(Finding.objects.filter(sms_phone_hash=phone_hash(user.phone), status=FindingStatus.OPEN,
                                        person_answer="").only("pk", "address", "first_seen", "sms_phone_hash")
                 .order_by("pk"))
    if found:
        audit_log(actor=user, action="fusion.finding.read.own", object_type="finding",
                  object_ids=[f.pk for f in found], request=request)
    return found


def finding_to_confirm_get(*, user, pk) -> Finding:
    """One finding the user was asked about, open and unanswered or not; any other is not found (404)."""
    from anju.fusion.services import phone_hash

    if not (user and user.is_authenticated and user.phone) or user.is_staff_role:
        raise Http404
    finding = Finding.objects.filter(pk=pk, sms_phone_hash=phone_hash(user.phone)).first()
    if finding is None:
        raise Http404
    return finding
