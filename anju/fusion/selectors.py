"""The read path for findings: scoped to the reader's jurisdiction (`Finding.objects.restrict`) and audited."""
from django.http import Http404

from anju.accounts.choices import Role
from anju.audit.services import audit_log
from anju.fusion.choices import FindingStatus
from anju.fusion.models import Finding, Observation, Profile

FINDING_ROLES = frozenset({Role.ADMIN, Role.COMMANDER, Role.OFFICER, Role.AUXILIARY})


def can_see_findings(user) -> bool:
    return bool(user and user.is_authenticated and user.scope_node is not None and user.role in FINDING_ROLES)


def finding_list(*, user, kind: str = "", status: str = FindingStatus.OPEN, mine: bool = False):
    qs = Finding.objects.restrict(user).select_related("jurisdiction", "assignee", "standard_address")
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    if mine:
        qs = qs.filter(assignee=user)
    return qs.order_by("-score", "pk")


def finding_get(*, user, pk, request=None) -> Finding:
    finding = Finding.objects.restrict(user).select_related(
        "jurisdiction", "assignee", "standard_address", "registration", "decided_by", "result_registration").filter(
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
