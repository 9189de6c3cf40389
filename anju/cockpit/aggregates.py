"""Building the cockpit's aggregates: GROUP BY over the source tables, written as NodeStat rows in one go."""
import time
from collections import defaultdict
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Count, Exists, F, OuterRef, Q
from django.db.models.functions import Substr, TruncMonth
from django.utils import timezone

from anju.cockpit.models import NodeStat, StatRefresh
from anju.houses.models import House, Room, Tenancy
from anju.registrations.models import Registration

RENTAL_KINDS = ("rental", "group", "short_term", "dormitory")  # houses let to people who do not own them
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
    # education: the register's where it knows the person's, else the declaration's (those with neither are the
    # chart's 未填报, counted as registered minus these)
    from anju.registrations.selectors import education_counts

    add((row for row in education_counts() if row["education"]), lambda i: f"edu_{i['education'][:1]}0")
    # Monthly series for the 同比 trend (25 months), daily rows only for the windows the figures need
    # (the last 40 days and the same 40 days a year before).
    first_month = (today.replace(day=1) - timedelta(days=395)).replace(day=1)
    recent = today - timedelta(days=40)
    last_year = (_years_back(recent, 1), _years_back(today, 1))
    for metric, field, extra in (("new", "starts_on", {}), ("cancelled", "ended_on", {"status": "cancelled"})):
        source = Registration.objects.filter(**{f"{field}__gte": first_month}, **extra)
        add(source.annotate(month=TruncMonth(field)).values("jurisdiction_id", "month").annotate(n=Count("pk")),
            lambda i, metric=metric: f"{metric}_month", day_field="month")
        days = source.filter(Q(**{f"{field}__gte": recent}) | Q(**{f"{field}__range": last_year}))
        add(days.values("jurisdiction_id", day=F(field)).annotate(n=Count("pk")), lambda i, metric=metric: metric,
            day_field="day")
    houses = House.objects.values("jurisdiction_id")
    add(houses.annotate(n=Count("pk")), lambda i: "houses")
    add(houses.filter(kind__in=RENTAL_KINDS).annotate(n=Count("pk")), lambda i: "rental_houses")
    add(Room.objects.filter(status="active").values(jurisdiction_id=F("house__jurisdiction_id")).annotate(n=Count("pk")),
        lambda i: "rooms")
    # People living in rental houses now, rooms entered or not: everyone with an active registration at one, and
    # everyone a landlord has checked in whose registration there is not (yet) active — counted once, not twice.
    # (Open tenancies alone counted only the few houses whose landlords check tenants in through the platform.)
    add(active.filter(house__kind__in=RENTAL_KINDS).values("jurisdiction_id").annotate(n=Count("pk")),
        lambda i: "occupants")
    add(Tenancy.objects.filter(move_out__isnull=True, house__kind__in=RENTAL_KINDS)
        .exclude(Exists(active.filter(house_id=OuterRef("house_id"), id_hash=OuterRef("id_hash"))))
        .values(jurisdiction_id=F("house__jurisdiction_id")).annotate(n=Count("pk")), lambda i: "occupants")
    # Registration rate and accuracy from the latest data-fusion run: fusion_coverage's counts, per node
    from anju.fusion.selectors import coverage_by_node

    for counts in coverage_by_node():
        for key, value in counts.items():
            if key != "node_id" and value:
                rows.append(NodeStat(node_id=counts["node_id"], metric=f"fusion_{key}", value=value))
    return rows


def _years_back(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def roll_up(rows: list[NodeStat]) -> list[NodeStat]:
    """Every figure added to the node it belongs to and to each of its ancestors: a request then reads only its own
    node's rows (a few hundred), whatever the size of the subtree."""
    from anju.jurisdictions.models import Node

    paths = dict(Node.objects.values_list("pk", "path"))
    ids = {n.code: n.pk for n in Node.objects.only("pk", "code")}
    totals: dict[tuple, int] = defaultdict(int)
    for row in rows:
        for code in paths[row.node_id].strip("/").split("/"):
            totals[(ids[code], row.metric, row.day)] += row.value
    return [NodeStat(node_id=n, metric=m, day=d, value=v) for (n, m, d), v in totals.items()]


def refresh(today: date | None = None) -> StatRefresh:
    start = time.perf_counter()
    rows = roll_up(compute(today))
    with transaction.atomic():
        NodeStat.objects.all().delete()
        NodeStat.objects.bulk_create(rows, batch_size=5000)
        stamp = StatRefresh.objects.create(finished_at=timezone.now(), seconds=time.perf_counter() - start,
                                           rows=len(rows))
    return stamp
