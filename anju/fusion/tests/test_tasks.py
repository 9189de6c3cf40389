"""Findings as tasks: routed to the officer of the address, decided on site through the registration services,
read only inside one's jurisdiction and audited; decided findings are not raised twice."""
import datetime as dt

import pytest
from django.urls import reverse

from anju.audit.models import AuditEntry
from anju.core import crypto
from anju.fusion import pipeline
from anju.fusion.choices import FindingStatus
from anju.fusion.models import Finding, FusionRun
from anju.fusion.services import FindingError, finding_confirm, finding_reject
from anju.lib.fusion import findings as ff
from anju.registrations.models import Registration
from conftest import valid_id

pytestmark = pytest.mark.django_db
NUMBER = valid_id(birth="19900307", seq="123")


def make_finding(tree, address, *, kind="unregistered", number=NUMBER, registration=None, assignee=None, **kw):
    values = dict(kind=kind, subject=f"{kind}:E1:{address.code if address else ''}", score=85,
                  rules=[["home_records", 63, "8 home records on 8 days"]], record_ids=["MJ1", "MJ2"],
                  entity_hash="E1", name="张伟", id_cipher=crypto.encrypt(number) if number else "",
                  id_hash=crypto.blind_index(number) if number else "", id_masked=number[:6] + "********" if number else "",
                  standard_address=address, address=address.full_address if address else "",
                  registration=registration, jurisdiction=address.jurisdiction if address else registration.jurisdiction,
                  assignee=assignee, first_seen=dt.date.today() - dt.timedelta(days=40), last_seen=dt.date.today(),
                  evidence_until=dt.date.today())
    values.update(kw)
    return Finding.objects.create(**values)


def registration_at(tmp_path, address, number=NUMBER, status="active"):
    from anju.fusion.tests.conftest import write_csv
    from anju.registrations.imports import registrations_import

    write_csv(tmp_path / "r.csv", ["registration_id", "id_number", "name", "sex", "birth_date", "phone", "address",
                                   "address_code", "registered_at", "status"],
              [["JZ1", number, "张伟", "男", "1990-03-07", "", address.full_address, address.code, "2020-01-01", status]])
    registrations_import(path=tmp_path / "r.csv")
    return Registration.objects.get(number="JZ1")


def test_confirming_an_unregistered_finding_registers_the_person_at_the_address(addresses, officer_a):
    finding = make_finding(None, addresses["a101"], assignee=officer_a)
    finding_confirm(actor=officer_a, finding=finding, note="核实在住")
    finding.refresh_from_db()
    registration = finding.result_registration
    assert finding.status == FindingStatus.CONFIRMED and finding.decided_by == officer_a
    assert registration.status == "active" and registration.standard_address == addresses["a101"]
    assert registration.id_number == NUMBER
    assert AuditEntry.objects.filter(action="fusion.finding.confirm").exists()


def test_confirming_a_move_closes_the_old_registration(addresses, officer_a, tmp_path):
    old = registration_at(tmp_path, addresses["a202"])
    finding = make_finding(None, addresses["a101"], kind="moved")
    finding_confirm(actor=officer_a, finding=finding)
    old.refresh_from_db()
    assert old.status == "closed"
    assert Registration.objects.get(id_hash=old.id_hash, status="active").standard_address == addresses["a101"]


def test_confirming_a_stale_finding_ends_the_registration_with_a_reason(addresses, officer_a, tmp_path):
    registration = registration_at(tmp_path, addresses["a101"])
    finding = make_finding(None, addresses["a101"], kind="stale", registration=registration)
    finding_confirm(actor=officer_a, finding=finding, note="已搬离")
    registration.refresh_from_db()
    assert registration.status == "cancelled" and registration.end_reason == "已搬离"


def test_an_unknown_person_needs_the_id_number_checked_on_site(addresses, officer_a):
    finding = make_finding(None, addresses["a101"], number="")
    with pytest.raises(FindingError):
        finding_confirm(actor=officer_a, finding=finding)
    finding_confirm(actor=officer_a, finding=finding, id_number=NUMBER, name="张伟")
    assert Finding.objects.get(pk=finding.pk).result_registration.id_number == NUMBER


def test_rejecting_needs_a_note_and_only_police_of_the_place_decide(addresses, officer_a, officer_b, auxiliary_a):
    finding = make_finding(None, addresses["a101"])
    with pytest.raises(FindingError):
        finding_reject(actor=officer_a, finding=finding, note=" ")
    with pytest.raises(FindingError):
        finding_reject(actor=officer_b, finding=finding, note="不在")  # another station
    with pytest.raises(FindingError):
        finding_reject(actor=auxiliary_a, finding=finding, note="不在")  # not a police role
    finding_reject(actor=officer_a, finding=finding, note="无此人")
    with pytest.raises(FindingError):
        finding_confirm(actor=officer_a, finding=finding)  # already decided
    assert Finding.objects.get(pk=finding.pk).status == FindingStatus.REJECTED


def _save(addresses, evidence_until, *, kind=ff.UNREGISTERED, officers=True):
    loader = pipeline.Loader(pipeline.fusion_config())
    run = FusionRun.objects.create(as_of=dt.date.today())
    entity = pipeline._Entity(NUMBER, True, NUMBER, registry_name="张伟")
    place = ff.Place("A101", "b", True)
    result = ff.Finding(kind=kind, score=70, rules=[("home_records", 63, "")], record_ids=["MJ1"], place=place,
                        first_seen=evidence_until, last_seen=evidence_until, evidence_until=evidence_until)
    return pipeline._save_findings(run, [(entity, result)], loader, {}, pipeline.fusion_config())


def test_findings_are_routed_to_the_officer_of_the_address_and_not_raised_twice(addresses, officer_a, officer_b):
    day = dt.date(2026, 9, 1)
    assert _save(addresses, day)["new"] == 1
    finding = Finding.objects.get()
    assert finding.assignee == officer_a and finding.jurisdiction.code == "A1C1G1" and finding.due_on
    assert _save(addresses, day)["updated"] == 1 and Finding.objects.count() == 1
    finding_reject(actor=officer_a, finding=finding, note="无此人")
    assert _save(addresses, day)["suppressed"] == 1  # the same evidence: not raised again
    assert _save(addresses, day + dt.timedelta(days=5))["raised_again"] == 1  # newer evidence: raised again
    assert Finding.objects.filter(status="open").count() == 1
    finding_confirm(actor=officer_a, finding=Finding.objects.get(status="open"))
    assert _save(addresses, day + dt.timedelta(days=9))["already_confirmed"] == 1


def test_open_findings_no_longer_supported_are_withdrawn(addresses, officer_a):
    _save(addresses, dt.date(2026, 9, 1))
    loader = pipeline.Loader(pipeline.fusion_config())
    counts = pipeline._save_findings(FusionRun.objects.create(as_of=dt.date.today()), [], loader, {},
                                     pipeline.fusion_config())
    assert counts["withdrawn"] == 1 and Finding.objects.get().status == FindingStatus.WITHDRAWN


def test_list_and_detail_are_scoped_and_audited(client, addresses, officer_a, officer_b, django_assert_max_num_queries):
    for i in range(5):
        make_finding(None, addresses["a101"], subject=f"s{i}", assignee=officer_a)
    other = make_finding(None, addresses["b301"], subject="b")
    client.force_login(officer_a)
    with django_assert_max_num_queries(20):
        page = client.get(reverse("fusion:findings"))
    assert page.status_code == 200 and page.content.decode().count("张伟") == 5
    assert AuditEntry.objects.filter(action="fusion.finding.list").exists()
    assert client.get(reverse("fusion:finding", args=[other.pk])).status_code == 404
    mine = Finding.objects.filter(jurisdiction__code="A1C1G1").first()
    detail = client.get(reverse("fusion:finding", args=[mine.pk]))
    assert detail.status_code == 200 and "在此有居住记录" in detail.content.decode()  # the rule in words
    assert AuditEntry.objects.filter(action="fusion.finding.read", subjects__object_id=str(mine.pk)).exists()


def test_every_scoring_rule_has_words_for_the_officer():
    import re
    from pathlib import Path

    from anju.fusion.choices import RULE_LABELS
    from anju.lib.fusion import findings

    emitted = set(re.findall(r'rules\.append\(\("([a-z_]+)"', Path(findings.__file__).read_text(encoding="utf-8")))
    assert emitted and emitted <= set(RULE_LABELS)


def test_an_officer_confirms_from_the_detail_page(client, addresses, officer_a):
    finding = make_finding(None, addresses["a101"])
    client.force_login(officer_a)
    response = client.post(reverse("fusion:finding", args=[finding.pk]), {"action": "confirm", "note": "核实"})
    assert response.status_code == 302
    assert Finding.objects.get(pk=finding.pk).status == FindingStatus.CONFIRMED


def test_public_users_and_grid_workers_see_no_findings(client, addresses, resident, make_user):
    for user in (make_user("grid", "grid_worker", "A1C1G1"), resident):
        client.force_login(user)
        assert client.get(reverse("fusion:findings")).status_code in (302, 403)


def test_the_list_shows_how_each_score_band_fared_on_site_in_ones_own_jurisdiction(client, addresses, officer_a):
    decided = [(55, "confirmed"), (57, "rejected"), (58, "rejected"), (92, "confirmed"), (95, "confirmed")]
    for i, (score, status) in enumerate(decided):
        make_finding(None, addresses["a101"], subject=f"s{i}", score=score, status=status)
    make_finding(None, addresses["a101"], subject="open", score=60)  # not decided: not counted
    make_finding(None, addresses["b301"], subject="b", score=91, status="rejected")  # another station's
    from anju.fusion.selectors import decisions_by_score

    bands = {b["band"]: (b["decided"], b["confirmed"]) for b in decisions_by_score(user=officer_a)}
    assert bands == {"50–59": (3, 1), "90–100": (2, 2)}
    client.force_login(officer_a)
    page = client.get(reverse("fusion:findings")).content.decode()
    assert 'id="score-bands"' in page and "33 %" in page and "100 %" in page


def test_an_export_is_audited_with_the_findings_it_wrote(addresses, tmp_path):
    from anju.fusion.exports import fusion_export

    written = make_finding(None, addresses["a101"])
    make_finding(None, addresses["a101"], subject="done", entity_hash="E2", status="confirmed")  # decided: not out
    fusion_export(out_dir=tmp_path)
    entry = AuditEntry.objects.get(action="fusion.export")
    assert set(entry.subjects.values_list("object_id", flat=True)) == {str(written.pk)}
    assert len((tmp_path / "suspects.csv").read_text(encoding="utf-8").splitlines()) == 2  # header and the one
