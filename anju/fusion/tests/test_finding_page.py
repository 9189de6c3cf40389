"""What the finding page and the list show a reader beyond the evidence: a finding's dates, and a list that reads on
a desk and on a phone."""
import datetime as dt
import re

import pytest
from django.urls import reverse

from anju.fusion.tests.test_tasks import make_finding, registration_at

pytestmark = pytest.mark.django_db


def fields(page: str) -> dict[str, str]:
    return {re.sub(r"<[^>]+>", "", k).strip(): re.sub(r"<[^>]+>", "", v).strip()
            for k, v in re.findall(r"<dt>(.*?)</dt><dd[^>]*>(.*?)</dd>", page)}


def test_a_stale_finding_says_when_its_person_was_last_seen_and_its_evidence_until(client, addresses, officer_a,
                                                                                   tmp_path):
    registration = registration_at(tmp_path, addresses["a101"])
    stale = make_finding(None, addresses["a101"], kind="stale", registration=registration, first_seen=None,
                         last_seen=dt.date(2026, 1, 28), evidence_until=dt.date(2026, 1, 20))
    client.force_login(officer_a)
    page = client.get(reverse("fusion:finding", args=[stale.pk])).content.decode()
    shown = fields(page)
    assert shown["最后出现"] == "2026-01-28" and shown["依据截至"] == "2026-01-20"
    assert "本次所见" not in shown and "— –" not in page
    stale.evidence_until = stale.last_seen
    stale.save()
    shown = fields(client.get(reverse("fusion:finding", args=[stale.pk])).content.decode())
    assert shown["最后出现"] == "2026-01-28" and "依据截至" not in shown  # said once


def test_a_suspect_says_from_when_to_when_it_was_seen(client, addresses, officer_a):
    suspect = make_finding(None, addresses["a101"], first_seen=dt.date(2026, 4, 20), last_seen=dt.date(2026, 11, 24))
    one_day = make_finding(None, addresses["a202"], subject="one", first_seen=dt.date(2026, 11, 24),
                           last_seen=dt.date(2026, 11, 24))
    client.force_login(officer_a)
    assert fields(client.get(reverse("fusion:finding", args=[suspect.pk])).content.decode())["本次所见"] == \
        "2026-04-20 – 2026-11-24"
    assert fields(client.get(reverse("fusion:finding", args=[one_day.pk])).content.decode())["本次所见"] == "2026-11-24"
