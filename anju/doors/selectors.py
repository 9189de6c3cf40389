"""Reads for door access: staff through jurisdiction scoping; devices read their own allow-list."""
from datetime import date

from django.db.models import Count, Max, Q
from django.db.models.functions import TruncDate
from django.http import Http404

from anju.audit.services import audit_log
from anju.core.paging import first_and_total
from anju.doors.choices import LIVE_ALARM, CredentialStatus, DeviceStatus
from anju.doors.models import Alarm, AllowListChange, CareEnrolment, CareTask, Credential, Device, DoorEvent


def _int(pk):
    try:
        return int(pk)
    except (TypeError, ValueError):
        raise Http404("not found") from None


def device_list(*, user, status: str = ""):
    qs = Device.objects.restrict(user).select_related("jurisdiction", "standard_address", "house").annotate(
        open_alarms=Count("alarms", filter=Q(alarms__status__in=LIVE_ALARM)))
    qs = qs.order_by("jurisdiction__path", "device_id")
    return qs.filter(status=status) if status else qs


def device_get(*, user, pk) -> Device:
    device = Device.objects.restrict(user).select_related("jurisdiction", "standard_address", "house").filter(
        pk=_int(pk)).first()
    if device is None:
        raise Http404("not found")
    return device


def device_events(*, device, limit: int = 50):
    return DoorEvent.objects.filter(device=device).select_related("credential").order_by("-occurred_at")[:limit]


def alarm_list(*, user, live_only: bool = True):
    qs = Alarm.objects.restrict(user).select_related("device", "jurisdiction", "station", "device__standard_address")
    return qs.filter(status__in=LIVE_ALARM) if live_only else qs


def alarm_get(*, user, pk) -> Alarm:
    alarm = alarm_list(user=user, live_only=False).filter(pk=_int(pk)).first()
    if alarm is None:
        raise Http404("not found")
    return alarm


def credentials_of_house(*, house):
    return (Credential.objects.filter(house=house).select_related("registration", "replaces")
            .prefetch_related("changes", "suspension_requests").order_by("-issued_at"))


def credential_get(*, user, pk) -> Credential:
    credential = Credential.objects.restrict(user).select_related("house", "registration").filter(pk=_int(pk)).first()
    if credential is None:
        raise Http404("not found")
    return credential


def person_credentials(*, user, id_hash: str, limit: int = 5, request=None) -> tuple[list[Credential], int]:
    """The door cards of a person's registrations (by the blind index of the number) at houses in the reader's
    jurisdiction, newest first: the first ``limit`` (audited as the cards page audits) and how many there are. For
    the staff person page (doors.panels)."""
    qs = Credential.objects.restrict(user).filter(registration__id_hash=id_hash).select_related("house").order_by(
        "-issued_at", "-pk")
    shown, total = first_and_total(qs, limit=limit)
    if shown:
        audit_log(actor=user, action="door.credential.list", object_type="registration",
                  object_ids=sorted({c.registration_id for c in shown}), request=request,
                  purpose="门禁卡管理 card management")
    return shown, total


def alarms_open_count(*, user) -> int:
    """The live door alarms (open or acknowledged, as the alarm list opens) in the reader's jurisdiction, counted."""
    return Alarm.objects.restrict(user).filter(status__in=LIVE_ALARM).count()


def served_houses_q(device: Device) -> Q:
    """The houses whose cards open this device: its own house, or every house in its building."""
    if device.house_id:
        return Q(house_id=device.house_id)
    return Q(house__standard_address__full_address__startswith=device.standard_address.full_address)


def allowlist(*, device: Device, since: int | None = None) -> dict:
    """The device's allow-list: the full list, or the changes after version `since` (a device catching up)."""
    scope = served_houses_q(device)
    version = AllowListChange.objects.filter(scope).aggregate(v=Max("id"))["v"] or 0
    if since is not None and since <= version:
        changes = AllowListChange.objects.filter(scope, id__gt=since).order_by("id")
        return {"device": device.device_id, "version": version, "since": since, "full": False,
                "changes": [{"op": c.op, "card": c.uid, "until": c.valid_until.isoformat() if c.valid_until else None,
                             "version": c.id} for c in changes]}
    cards = Credential.objects.filter(scope, status=CredentialStatus.ACTIVE).order_by("uid").values_list(
        "uid", "valid_until")
    return {"device": device.device_id, "version": version, "since": None, "full": True,
            "cards": [{"card": uid, "until": until.isoformat()} for uid, until in cards]}


def door_figures_by_node(*, user=None, nodes=None) -> dict[str, dict]:
    """Per node code: devices online / offline / never seen and live alarms, rolled up to every ancestor in the
    user's subtree (for the cockpit). One GROUP BY per table."""
    devices = Device.objects.restrict(user) if user is not None else Device.objects.all()
    alarms = Alarm.objects.restrict(user) if user is not None else Alarm.objects.all()
    figures: dict[str, dict] = {}

    def add(path: str, key: str, n: int):
        for code in path.strip("/").split("/"):
            row = figures.setdefault(code, {"online": 0, "offline": 0, "unknown": 0, "alarms": 0})
            row[key] += n

    known = set(DeviceStatus.values)  # read once: the property rebuilds the list at every call
    for path, status, n in devices.filter(active=True).values_list("jurisdiction__path", "status").annotate(n=Count("id")):
        add(path, status if status in known else "unknown", n)
    for path, n in alarms.filter(status__in=LIVE_ALARM).values_list("jurisdiction__path").annotate(n=Count("id")):
        add(path, "alarms", n)
    if nodes is not None:
        return {code: row for code, row in figures.items() if code in nodes}
    return figures


def door_figures(*, node) -> dict[str, int]:
    """Devices online / offline / never seen and live alarms in one node's subtree: two indexed aggregates, for the
    cockpit's live figures (polled every few seconds)."""
    inside = Q(jurisdiction__path__startswith=node.path)
    devices = Device.objects.filter(inside, active=True).aggregate(
        online=Count("id", filter=Q(status=DeviceStatus.ONLINE)),
        offline=Count("id", filter=Q(status=DeviceStatus.OFFLINE)), total=Count("id"))
    return {"online": devices["online"], "offline": devices["offline"],
            "unknown": devices["total"] - devices["online"] - devices["offline"],
            "alarms": Alarm.objects.filter(inside, status__in=LIVE_ALARM).count()}


def days_present(*, registration, year: int, month: int) -> int:
    """Residence evidence: days in a month on which the person's cards opened a door of their house."""
    start = date(year, month, 1)
    end = date(year + (month == 12), month % 12 + 1, 1)
    return (DoorEvent.objects.filter(credential__registration=registration, result="granted",
                                     occurred_at__date__gte=start, occurred_at__date__lt=end)
            .annotate(day=TruncDate("occurred_at")).values("day").distinct().count())


def months_present(*, registration, months: int = 12, today: date | None = None) -> list[tuple[date, int]]:
    """Days present per month for the last `months` months, oldest first."""
    from django.utils import timezone

    today = today or timezone.localdate()
    out = []
    for back in range(months - 1, -1, -1):
        index = today.year * 12 + today.month - 1 - back
        year, month = index // 12, index % 12 + 1
        out.append((date(year, month, 1), days_present(registration=registration, year=year, month=month)))
    return out


def care_candidates(*, user, q: str, request=None) -> list:
    """Active registrations of the reader's jurisdiction whose person is named ``q`` (at most 20), to enrol one
    without typing its number; the people shown are audited."""
    from anju.registrations.models import Registration
    from anju.registrations.choices import RegistrationStatus

    q = (q or "").strip()
    if not q:
        return []
    found = list(Registration.objects.restrict(user).filter(status=RegistrationStatus.ACTIVE, name__contains=q)
                 .order_by("birth_date", "name")[:20])
    if found:
        audit_log(actor=user, action="door.care.search", object_type="registration", object_ids=[r.pk for r in found],
                  request=request, purpose="关爱 care check")
    return found


def care_overview(*, user, request=None) -> tuple[list, list]:
    """(open visit tasks, active enrolments) in the reader's jurisdiction, with the person's registration; the people
    shown are audited."""
    tasks = list(CareTask.objects.restrict(user).filter(done_at__isnull=True, enrolment__status="active")
                 .select_related("enrolment__registration").order_by("created_at"))
    enrolments = list(CareEnrolment.objects.restrict(user).filter(status="active")
                      .select_related("registration", "grid_worker").order_by("-created_at"))
    people = sorted({e.registration_id for e in enrolments})
    if people:
        audit_log(actor=user, action="door.care.list", object_type="registration", object_ids=people,
                  request=request, purpose="关爱 care check")
    return tasks, enrolments
