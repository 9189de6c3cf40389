"""What a feed's address means: guessed from its name, said on import, set from the command line or the admin,
always through the one audited write path."""
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from anju.audit.models import AuditEntry
from anju.fusion.imports import observations_import
from anju.fusion.models import Source
from anju.fusion.tests.conftest import write_csv
from anju.fusion.tests.test_import import HEADER, NUMBER

pytestmark = pytest.mark.django_db


def unknown_feed(tmp_path):
    row = ["街道数据", "X1", "2026-09-01", "张伟", NUMBER, "男", "", "", "文一西路1号1幢1单元101室", ""]
    return write_csv(tmp_path / "o.csv", HEADER, [row])


def test_an_unknown_feed_is_said_on_import_with_how_to_set_it(tmp_path, addresses):
    report = observations_import(path=unknown_feed(tmp_path))
    (note,) = [n for n in report.notes if "街道数据" in n]
    assert "not taken as homes" in note and "anju fusion sources --set" in note
    assert Source.objects.get().meaning == "other"
    again = observations_import(path=unknown_feed(tmp_path))
    assert not [n for n in again.notes if "街道数据" in n]  # said once, when the feed is registered


def test_a_feed_is_set_from_the_command_line_before_or_after_its_first_import(tmp_path, addresses, capsys):
    call_command("fusion_sources", "--set", "街道数据", "--meaning", "home", "--trust", "0.7")
    source = Source.objects.get(name="街道数据")
    assert (source.kind, source.meaning, source.trust) == ("other", "home", 0.7)
    assert source.meaning_fixed  # set by hand: runs no longer learn what this feed's address means
    report = observations_import(path=unknown_feed(tmp_path))
    assert report.created == 1 and not [n for n in report.notes if "街道数据" in n]  # already set: nothing to say
    call_command("fusion_sources", "--set", "街道数据", "--kind", "visit")
    source.refresh_from_db()
    assert (source.kind, source.meaning, source.trust) == ("visit", "home", 0.7) and source.meaning_fixed
    assert AuditEntry.objects.filter(action="fusion.source.update").count() == 2
    call_command("fusion_sources")
    listing = capsys.readouterr().out
    assert "街道数据" in listing and "visit" in listing and "1" in listing.splitlines()[-1]


def test_a_wrong_setting_is_refused_with_what_is_allowed(db):
    with pytest.raises(CommandError, match="needs --meaning"):
        call_command("fusion_sources", "--set", "门禁")
    with pytest.raises(CommandError, match="must be between 0 and 1"):
        call_command("fusion_sources", "--set", "门禁", "--trust", "1.5")
    assert not Source.objects.exists()  # nothing half-done: not even registered with its defaults


def test_the_admin_saves_a_feed_through_the_audited_write_path(client, admin_a):
    source = Source.objects.create(name="door", kind="door", meaning="home", trust=0.9)
    client.force_login(admin_a)
    response = client.post(f"/admin/fusion/source/{source.pk}/change/",
                           {"name": "door", "kind": "door", "meaning": "home", "trust": "0.6", "description": ""})
    assert response.status_code == 302
    source.refresh_from_db()
    assert source.trust == 0.6
    entry = AuditEntry.objects.get(action="fusion.source.update")
    assert entry.actor == admin_a
    client.post("/admin/fusion/source/add/", {"name": "街道数据", "kind": "visit", "meaning": "home", "trust": "0.7",
                                              "description": ""})
    assert Source.objects.get(name="街道数据").meaning == "home"
    assert AuditEntry.objects.filter(action="fusion.source.update", actor=admin_a).count() == 2


def test_the_listing_counts_each_feeds_records_as_imported_without_reading_the_records(tmp_path, addresses, capsys):
    from django.db import connection
    from django.db.models import Count
    from django.test.utils import CaptureQueriesContext

    from anju.fusion.models import Observation
    from anju.fusion.tests.test_import import rows

    observations_import(path=write_csv(tmp_path / "a.csv", HEADER, rows()))
    again = rows()[:2] + [["door", "MJ3", "2026-09-05T21:10:00", "张伟", NUMBER, "M", "", "", "", ""],
                          ["door", "MJ4", "not a time", "张伟", NUMBER, "M", "", "", "", ""],  # refused: not counted
                          ["hotel", "LG1", "2026-09-06 22:00:00", "张伟", NUMBER, "1", "", "", "", ""]]
    again[1][3] = "张伟伟"  # a record delivered again, changed: updated, still one record
    report = observations_import(path=write_csv(tmp_path / "b.csv", HEADER, again))
    assert (report.created, report.updated, report.unchanged, len(report.errors)) == (2, 1, 1, 1)

    with CaptureQueriesContext(connection) as queries:
        call_command("fusion_sources")
    assert not [q for q in queries.captured_queries if "fusion_observation" in q["sql"]]
    stored = dict(Observation.objects.values_list("source__name").annotate(n=Count("pk")))
    assert stored == {"door": 3, "employment": 1, "lock": 1, "hotel": 1}
    listed = {line.split()[0]: int(line.split()[-1]) for line in capsys.readouterr().out.splitlines()[1:]}
    assert listed == stored
