"""Building the cockpit's aggregates: GROUP BY over the source tables, written as NodeStat rows in one go."""
import time
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Count, F, Q
from django.db.models.functions import Substr
from django.utils import timezone

from anju.cockpit.models import NodeStat, StatRefresh
from anju.houses.models import House, Room, Tenancy
from anju.registrations.models import Registration

AGE_BANDS = (("age_lt16", 0, 16), ("age_16_59", 16, 60), ("age_60p", 60, 200))


def _birth_bounds(today: date, low: int, high: int) -> tuple[date, date]:
    """Birth dates of people aged [low, high) today."""
    def years_ago(n):
        try:
            return today.replace(year=today.year - n)
        except ValueError:
            return today.replace(year=today.year - n, day=28)
    return years_ago(high) + timedelta(days=1), years_ago(low)


def compute(today: date | None = None) -> list[NodeStat]:
    today = today or timezone.localdate()
    rows: list[NodeStat] = []

    def add(queryset, metric_of, day_field=None):
        for item in queryset:
            rows.append(NodeStat(node_id=item["jurisdiction_id"], metric=metric_of(item), day=item.get(day_field),
                                 value=item["n"]))

    active = Registration.objects.filter(status="active")
    add(active.values("jurisdiction_id").annotate(n=Count("pk")), lambda i: "registered")
    add(active.values("jurisdiction_id", "sex").annotate(n=Count("pk")), lambda i: f"sex_{i['sex'] or 'unknown'}")
    for name, low, high in AGE_BANDS:
        start, end = _birth_bounds(today, low, high)
        add(active.filter(birth_date__range=(start, end)).values("jurisdiction_id").annotate(n=Count("pk")),
            lambda i, name=name: name)
    # Origin province: the first two digits of the ID number's region code, read from the masked copy.
    add(active.annotate(province=Substr("id_masked", 1, 2)).values("jurisdiction_id", "province").annotate(n=Count("pk")),
        lambda i: f"origin_{i['province']}")
    add(active.values("jurisdiction_id", kind=F("house__kind")).annotate(n=Count("pk")),
        lambda i: f"housing_{i['kind'] or 'unknown'}")
    add(active.exclude(declaration__education="").values("jurisdiction_id", edu=F("declaration__education"))
        .annotate(n=Count("pk")), lambda i: f"edu_{i['edu'][:1]}0" if i["edu"] else "edu_unknown")
    # Daily series for trends: registrations starting and ending, per day (this year and last).
    since = today.replace(year=today.year - 1, month=1, day=1)
    add(Registration.objects.filter(starts_on__gte=since).values("jurisdiction_id", day=F("starts_on"))
        .annotate(n=Count("pk")), lambda i: "new", day_field="day")
    add(Registration.objects.filter(ended_on__gte=since, status="cancelled").values("jurisdiction_id", day=F("ended_on"))
        .annotate(n=Count("pk")), lambda i: "cancelled", day_field="day")
    houses = House.objects.values("jurisdiction_id")
    add(houses.annotate(n=Count("pk")), lambda i: "houses")
    add(houses.filter(kind__in=["rental", "group", "short_term", "dormitory"]).annotate(n=Count("pk")),
        lambda i: "rental_houses")
    add(Room.objects.filter(status="active").values(jurisdiction_id=F("house__jurisdiction_id")).annotate(n=Count("pk")),
        lambda i: "rooms")
    add(Tenancy.objects.filter(move_out__isnull=True).values(jurisdiction_id=F("house__jurisdiction_id"))
        .annotate(n=Count("pk")), lambda i: "occupants")
    return rows


def refresh(today: date | None = None) -> StatRefresh:
    start = time.perf_counter()
    rows = compute(today)
    with transaction.atomic():
        NodeStat.objects.all().delete()
        NodeStat.objects.bulk_create(rows, batch_size=5000)
        stamp = StatRefresh.objects.create(finished_at=timezone.now(), seconds=time.perf_counter() - start,
                                           rows=len(rows))
    return stamp
