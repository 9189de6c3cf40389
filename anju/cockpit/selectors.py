"""The cockpit's figures for a jurisdiction node: aggregates summed over the subtree, plus live counts."""
import threading
from collections import defaultdict
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Count, Max, Min, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from anju.cockpit.models import NodeStat, StatRefresh
from anju.jurisdictions.models import Node
from anju.jurisdictions.selectors import node_list
from anju.lib.identity import region_name

RATE_METHOD = gettext_lazy(
    "Registration rate = among the people whose newest home record (door, lock …) in the latest data fusion run is "
    "in this area, the share registered in that building. Accuracy lies between the shares of active registrations "
    "confirmed (traces within %(days)s days, not seen living elsewhere) and not contradicted (no open stale finding "
    "scored %(score)s or more); between are those the data say nothing of, mostly people with no records. The rate "
    "counts only people with a home record.")
_refreshing = threading.Lock()


def cockpit_node(*, user, code: str = "") -> Node:
    node = user.scope_node
    if node is None:
        raise Http404("no jurisdiction")
    if code and code != node.code:
        node = node_list(user=user).filter(code=code).first()
        if node is None:
            raise Http404(code)
    return node


def _refresh_if_stale() -> StatRefresh | None:
    """Returns the last refresh; if it is too old, rebuilds in the background (one at a time per process)."""
    last = StatRefresh.objects.order_by("-finished_at").first()
    stale = last is None or (timezone.now() - last.finished_at).total_seconds() > settings.ANJU_COCKPIT_MAX_AGE_SECONDS
    if stale and _refreshing.acquire(blocking=False):
        def run():
            import logging

            from django.db import DatabaseError, connection

            from anju.cockpit.aggregates import refresh

            try:
                refresh()
            except Exception:  # the next request tries again; the page keeps the last figures meanwhile
                logging.getLogger(__name__).exception("cockpit refresh failed")
            finally:
                try:
                    connection.close()
                except DatabaseError:  # a test server shares one SQLite connection across threads
                    pass
                _refreshing.release()

        if last is None:  # nothing to show yet: build now
            try:
                from anju.cockpit.aggregates import refresh

                return refresh()
            finally:
                _refreshing.release()
        threading.Thread(target=run, daemon=True).start()
    return last


def _months_back(today: date, n: int) -> list[date]:
    first = today.replace(day=1)
    months = []
    for _month in range(n):  # not _: that is gettext here
        months.append(first)
        first = (first - timedelta(days=1)).replace(day=1)
    return list(reversed(months))


def _shift_year(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def cockpit_data(*, user, code: str = "") -> dict:
    from anju.houses.models import Tenancy
    from anju.houses.selectors import overdue_tenancies, undeclared_tenancies
    from anju.registrations.models import Declaration, Registration

    node = cockpit_node(user=user, code=code)
    stamp = _refresh_if_stale()
    today = timezone.localdate()
    # All of this node's rows in one query (rolled up: they are its subtree's totals): totals, monthly and
    # daily series; the periods are summed here rather than by one query per window.
    totals: dict[str, int] = {}
    by_month: dict[tuple[str, str], int] = {}
    by_day: dict[str, dict[date, int]] = {"new": {}, "cancelled": {}}
    for metric, day, value in NodeStat.objects.filter(node=node).values_list("metric", "day", "value"):
        if day is None:
            totals[metric] = value
        elif metric in by_day:
            by_day[metric][day] = value
        elif metric in ("new_month", "cancelled_month"):
            by_month[(metric[:-6], day.strftime("%Y-%m"))] = value

    children = list(Node.objects.filter(parent=node).order_by("code"))
    by_child = defaultdict(int, NodeStat.objects.filter(node_id__in=[c.pk for c in children], metric="registered",
                                                          day__isnull=True).values_list("node__code", "value"))
    ranking = sorted(({"code": c.code, "name": c.name, "value": by_child.get(c.code, 0)} for c in children),
                     key=lambda r: -r["value"])
    unplaced = totals.get("registered", 0) - sum(r["value"] for r in ranking)
    if children and unplaced > 0:
        # Registrations whose address could not be placed further down: a data-quality figure worth seeing.
        ranking.append({"code": "", "name": _("Not placed further down"), "value": unplaced})

    months = _months_back(today, 12)
    # Today moves faster than the aggregates: count it live (an indexed, one-day range), in one query.
    live = Registration.objects.filter(Q(starts_on=today) | Q(ended_on=today),
                                       jurisdiction__path__startswith=node.path).aggregate(
        new=Count("pk", filter=Q(starts_on=today)),
        cancelled=Count("pk", filter=Q(ended_on=today, status="cancelled")))
    periods = {}
    for label, start in (("today", today), ("week", today - timedelta(days=today.weekday())),
                         ("month", today.replace(day=1))):
        start_ly, end_ly = _shift_year(start, -1), _shift_year(today, -1)
        row = {}
        for metric in ("new", "cancelled"):
            series = by_day[metric]
            # the aggregates' view of today is replaced by the live count
            row[metric] = sum(v for d, v in series.items() if start <= d < today) + live[metric]
            row[f"{metric}_last_year"] = sum(v for d, v in series.items() if start_ly <= d <= end_ly)
        periods[label] = row
    trend = {"months": [m.strftime("%Y-%m") for m in months], "new": [], "new_last_year": [], "cancelled": []}
    for m in months:
        key, last_year = m.strftime("%Y-%m"), _shift_year(m, -1).strftime("%Y-%m")
        trend["new"].append(by_month.get(("new", key), 0))
        trend["cancelled"].append(by_month.get(("cancelled", key), 0))
        trend["new_last_year"].append(by_month.get(("new", last_year), 0))
    trend["new"][-1] = periods["month"]["new"]
    trend["cancelled"][-1] = periods["month"]["cancelled"]

    pending = Declaration.objects.filter(jurisdiction__path__startswith=node.path, status="pending").aggregate(
        n=Count("pk"), oldest=Min("created_at"))
    overdue = overdue_tenancies(Tenancy.objects.filter(house__jurisdiction__path__startswith=node.path), today=today)

    registered = totals.get("registered", 0)
    origins = sorted(((k[7:], v) for k, v in totals.items() if k.startswith("origin_")), key=lambda kv: -kv[1])
    composition = {
        "age": [{"name": n, "value": totals.get(k, 0)} for k, n in
                (("age_lt16", _("Under 16")), ("age_16_59", _("16 to 59")), ("age_60p", _("60 and over")))],
        "sex": [{"name": n, "value": totals.get(k, 0)} for k, n in (("sex_1", _("Male")), ("sex_2", _("Female")))],
        "housing": [{"name": n, "value": sum(totals.get(f"housing_{k}", 0) for k in ks)} for n, ks in
                    ((_("Rented"), ("rental", "group", "short_term")), (_("Staff dormitory"), ("dormitory",)),
                     (_("Own home"), ("owner",)), (_("No house linked"), ("unknown",)))],
        "origin": [{"name": (region_name(code + "0000") or code).split("省")[0].split("市")[0][:8], "code": code,
                    "value": v} for code, v in origins[:10]],
        "education": [{"name": n, "value": totals.get(k, 0)} for k, n in
                      (("edu_10", _("Postgraduate")), ("edu_20", _("University")), ("edu_30", _("College")),
                       ("edu_40", _("Vocational school")), ("edu_60", _("Senior high school")),
                       ("edu_70", _("Junior high school")), ("edu_80", _("Primary school")), ("edu_90", _("Other")))],
    }
    # Everyone registered is in the chart: those whose education was never stated (an imported registration, a blank
    # field) stand as their own bar rather than vanish from it.
    stated = sum(row["value"] for row in composition["education"])
    composition["education"].append({"name": _("Not stated"), "value": max(registered - stated, 0)})
    province = node.path.split("/")[0][:2]
    out_of_province = sum(v for code, v in origins if code != province)
    figures = {
        "registered": registered,
        "out_of_province_share": round(out_of_province / registered, 4) if registered else None,
        "under16_share": round(totals.get("age_lt16", 0) / registered, 4) if registered else None,
        "over60_share": round(totals.get("age_60p", 0) / registered, 4) if registered else None,
        "rental_share": round(composition["housing"][0]["value"] / registered, 4) if registered else None,
        "houses": totals.get("houses", 0), "rental_houses": totals.get("rental_houses", 0),
        "rooms": totals.get("rooms", 0), "occupants": totals.get("occupants", 0),
        "overdue": overdue.count(),
        # landlords behind on their own part: a declaration waiting for police is not counted against them
        "noncompliant_landlords": undeclared_tenancies(
            Tenancy.objects.filter(house__jurisdiction__path__startswith=node.path), today=today).values(
            "house__landlords").exclude(house__landlords=None).distinct().count(),
        "pending_declarations": pending["n"],
        "oldest_pending_hours": round((timezone.now() - pending["oldest"]).total_seconds() / 3600, 1)
        if pending["oldest"] else None,
        **_live_figures(node, user),
        **_fusion_figures(totals),
        "rate_method": rate_method(),
    }
    return {
        "node": {"code": node.code, "name": node.name, "level": node.level, "full_name": node.full_name()},
        "parent": {"code": node.parent.code, "name": node.parent.name}
        if node.parent_id and node_list(user=user).filter(pk=node.parent_id).exists() else None,
        "as_of": timezone.localtime(stamp.finished_at).isoformat() if stamp else None,
        "figures": figures, "periods": periods, "trend": trend, "ranking": ranking, "composition": composition,
        "map": map_features(node, children, by_child),
    }


def shows_alerts(user) -> bool:
    """Whether the reader's cockpit counts watchlist alerts: only a reader of the watchlist (the permission of its
    pages, ``watchlist.services.can_see_watchlist``) may learn that wanted persons have been seen in the area. For the
    others the figure is not in the data at all, not merely hidden by the page."""
    from anju.watchlist.services import can_see_watchlist

    return can_see_watchlist(user)


def _live_figures(node, user) -> dict:
    """What must show within seconds: watchlist alerts not yet closed (as the home page counts them:
    watchlist.selectors.alerts_not_closed; for readers of the watchlist alone, ``shows_alerts``), door devices
    online/offline and live door alarms. Counted live (small, indexed tables), never from the aggregates."""
    from anju.doors.selectors import door_figures
    from anju.watchlist.selectors import alerts_not_closed

    doors = door_figures(node=node)
    figures = {
        "devices_online": doors.get("online", 0), "devices_offline": doors.get("offline", 0),
        "devices_unknown": doors.get("unknown", 0), "door_alarms": doors.get("alarms", 0),
    }
    if shows_alerts(user):
        alerts = alerts_not_closed(user=user, node=node).order_by().aggregate(n=Count("pk"), newest=Max("raised_at"))
        figures.update(open_alerts=alerts["n"], newest_alert=timezone.localtime(alerts["newest"]).isoformat()
                       if alerts["newest"] else None)
    return figures


def cockpit_live(*, user, code: str = "") -> dict:
    """The live figures alone, for the page to poll every few seconds."""
    node = cockpit_node(user=user, code=code)
    return {"node": node.code, "figures": _live_figures(node, user)}


def rate_method() -> str:
    """How the registration rate and accuracy are estimated, with the days and the score the fusion runs use."""
    from anju.fusion.conf import fusion_config

    config = fusion_config()
    return str(RATE_METHOD) % {"days": config["stale_quiet_days"], "score": config["stale_min_score"]}


def _fusion_figures(totals: dict) -> dict:
    """Registration rate, accuracy and the share confirmed, from the latest fusion run's counts rolled up here
    (``fusion.selectors.coverage_rates``: the same method as ``fusion_coverage``)."""
    from anju.fusion.selectors import coverage_rates

    counts = coverage_rates({k[7:]: v for k, v in totals.items() if k.startswith("fusion_")})
    return {**{k: round(counts[k], 4) if counts[k] is not None else None
               for k in ("registration_rate", "accuracy", "confirmed")},
            "fusion_residents": counts["residents"], "fusion_registrations": counts["registrations"]}


def map_features(node, children, values) -> dict:
    features = [{"type": "Feature", "properties": {"name": c.name, "code": c.code, "value": values.get(c.code, 0)},
                 "geometry": c.boundary} for c in children if c.boundary]
    return {"type": "FeatureCollection", "features": features}
