"""Door swipes as evidence for data fusion (门禁数据进入比对): one observation per card holder, house and day at
the door, written in the interchange format and imported as the feed ``门禁 door (anju)``, so fusion sees its own
doors like any department's records.

Granted swipes say the holder lives there. A refused swipe of a card cancelled or expired with its registration
says more: someone still comes home after the registration ended. A lost or suspended card is left out: whoever
holds it may not be the person it names.
"""
import csv
import datetime as dt
import tempfile
from pathlib import Path

from django.db.models import Min, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from anju.doors.choices import CredentialStatus
from anju.doors.models import Credential, DoorEvent

SOURCE = "门禁 door (anju)"
COLUMNS = ("source", "record_id", "observed_at", "name", "id_number", "sex", "birth_date", "phone", "address",
           "organisation")
_AFTER_THE_END = (CredentialStatus.CANCELLED, CredentialStatus.EXPIRED)


def door_observations(*, since: dt.date, until: dt.date):
    """Rows of observations.csv: the first swipe of each card on each day in [since, until]."""
    start = timezone.make_aware(dt.datetime.combine(since, dt.time.min))
    end = timezone.make_aware(dt.datetime.combine(until + dt.timedelta(days=1), dt.time.min))
    swipes = DoorEvent.objects.filter(
        Q(result="granted") | Q(result="refused", credential_status__in=_AFTER_THE_END),
        occurred_at__gte=start, occurred_at__lt=end, kind="swipe", credential__isnull=False)
    people: dict[int, tuple] = {}
    ids = list(swipes.values_list("credential_id", flat=True).distinct())
    for i in range(0, len(ids), 2000):
        for card in Credential.objects.filter(pk__in=ids[i:i + 2000]).select_related("registration", "house"):
            r = card.registration
            people[card.pk] = (card.uid, r.name, r.id_number, r.sex,
                               r.birth_date.isoformat() if r.birth_date else "", r.phone, card.house.address)
    days = (swipes.annotate(day=TruncDate("occurred_at")).values("credential_id", "day")
            .annotate(first=Min("occurred_at")).order_by("credential_id", "day"))
    for row in days.iterator(chunk_size=5000):
        person = people.get(row["credential_id"])
        if person is None:
            continue
        uid, name, number, sex, birth, phone, address = person
        yield {"source": SOURCE, "record_id": f"door:{uid}:{row['day']:%Y%m%d}",
               "observed_at": timezone.localtime(row["first"]).isoformat(timespec="seconds"), "name": name,
               "id_number": number, "sex": sex, "birth_date": birth, "phone": phone, "address": address,
               "organisation": ""}


def door_feed(*, days: int = 90, today: dt.date | None = None):
    """Imports the last ``days`` days of door evidence as observations (idempotent per record_id: a day already
    fed is unchanged). Card holders were checked against the watchlist at the door already."""
    from anju.fusion.imports import observations_import

    today = today or timezone.localdate()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "door-observations.csv"
        with path.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=COLUMNS)
            writer.writeheader()
            rows = 0
            for row in door_observations(since=today - dt.timedelta(days=days - 1), until=today):
                writer.writerow(row)
                rows += 1
        if not rows:
            return None
        return observations_import(path=path, check_watchlist=False, workers=0)
