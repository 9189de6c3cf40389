"""A run saves its links, persons and residences by difference: what is the same stays as it is stored (a run
after a second delivery: test_contract)."""
import datetime as dt

import pytest

pytestmark = pytest.mark.django_db


def _links():
    from anju.fusion.models import Link

    return {uid: (pk, entity, probability) for pk, uid, entity, probability in
            Link.objects.values_list("pk", "uid", "entity_hash", "probability")}


def test_links_gone_changed_and_new_are_written_and_the_rest_left(tree):
    from anju.fusion.models import Link
    from anju.fusion.pipeline import _bulk_sync

    columns = ["uid", "entity_hash", "probability"]
    assert _bulk_sync(Link, columns, [("O1", "a", 0.9), ("O2", "a", 0.8), ("O3", "b", 1.0)], key="uid") == {
        "inserted": 3, "updated": 0, "deleted": 0, "unchanged": 0}
    before = _links()
    got = _bulk_sync(Link, columns, [("O1", "a", 0.9), ("O2", "c", 0.8), ("O4", "c", 0.7)], key="uid")
    assert got == {"inserted": 1, "updated": 1, "deleted": 1, "unchanged": 1}
    after = _links()
    assert {uid: v[1:] for uid, v in after.items()} == {"O1": ("a", 0.9), "O2": ("c", 0.8), "O4": ("c", 0.7)}
    assert after["O1"][0] == before["O1"][0] and after["O2"][0] == before["O2"][0]


def test_a_person_whose_key_is_encrypted_again_is_not_rewritten(tree):
    """A ciphertext differs every time it is made: the blind index beside it says whether the value changed."""
    from anju.core import crypto
    from anju.fusion.models import Entity
    from anju.fusion.pipeline import _bulk_sync

    columns = ["key_hash", "key_cipher", "known", "id_hash", "id_cipher", "id_masked", "name", "sex", "birth_date",
               "records"]

    def row(name, records):
        return ("h1", crypto.encrypt("U1"), False, "", "", "", name, "", "1990-02-03", records)

    _bulk_sync(Entity, columns, [row("张三", 2)], key="key_hash", ignore=("key_cipher",))
    assert _bulk_sync(Entity, columns, [row("张三", 2)], key="key_hash", ignore=("key_cipher",))["unchanged"] == 1
    assert _bulk_sync(Entity, columns, [row("张三", 3)], key="key_hash", ignore=("key_cipher",))["updated"] == 1
    person = Entity.objects.get()
    assert (person.key, person.records, person.birth_date) == ("U1", 3, dt.date(1990, 2, 3))


def test_residences_are_compared_as_a_multiset(tree):
    from anju.fusion.models import Residence
    from anju.fusion.pipeline import _bulk_sync

    node = tree["A1C1G1"]
    columns = ["kind", "path", "node_id", "matched", "contradicted"]
    person, registration = (Residence.PERSON, node.path, node.pk, True, False), (Residence.REGISTRATION, node.path,
                                                                                 node.pk, False, False)
    _bulk_sync(Residence, columns, [person, person, registration])
    persons = set(Residence.objects.filter(kind=Residence.PERSON).values_list("pk", flat=True))
    registered = Residence.objects.get(kind=Residence.REGISTRATION).pk
    got = _bulk_sync(Residence, columns, [person, registration, registration])
    assert got == {"inserted": 1, "updated": 0, "deleted": 1, "unchanged": 2}
    assert sorted(Residence.objects.values_list("kind", "matched")) == [
        (Residence.PERSON, True), (Residence.REGISTRATION, False), (Residence.REGISTRATION, False)]
    assert len(persons & set(Residence.objects.values_list("pk", flat=True))) == 1
    assert Residence.objects.filter(pk=registered).exists()


def test_a_registration_counts_as_contradicted_only_with_an_open_stale_finding_and_a_quiet_one_as_accurate(
        addresses, tmp_path):
    """The cockpit's accuracy: of four active registrations, one whose person left recent traces (confirmed), one
    whose person is quiet (no recent trace, no finding: silence alone is not evidence of leaving), one the run found
    stale (contradicted, even though its person was also seen around lately), one whose stale finding an officer
    rejected on site (not contradicted). Accuracy 3 of 4, confirmed 1 of 4; before, the quiet and the rejected ones
    counted as inaccurate with the stale one (accuracy 2 of 4, evidenced = recent traces and not elsewhere)."""
    from anju.fusion.choices import FindingStatus
    from anju.fusion.models import FusionRun, Residence
    from anju.fusion.pipeline import _save_residences
    from anju.fusion.selectors import fusion_coverage
    from anju.fusion.tests.conftest import write_csv
    from anju.fusion.tests.test_tasks import make_finding
    from anju.registrations.imports import registrations_import
    from anju.registrations.models import Registration
    from conftest import valid_id

    a101 = addresses["a101"]
    write_csv(tmp_path / "r.csv", ["registration_id", "id_number", "name", "sex", "birth_date", "phone", "address",
                                   "address_code", "registered_at", "status"],
              [[f"JZ{i}", valid_id(birth="19900307", seq=f"12{i}"), f"张伟{i}", "男", "1990-03-07", "",
                a101.full_address, a101.code, "2020-01-01", "active"] for i in range(1, 5)])
    registrations_import(path=tmp_path / "r.csv")
    run = FusionRun.objects.create(as_of=dt.date.today())
    regs = {r.number: r for r in Registration.objects.all()}
    make_finding(None, None, kind="stale", registration=regs["JZ3"], subject="stale:E3:JZ3", run=run)
    make_finding(None, None, kind="stale", registration=regs["JZ4"], subject="stale:E4:JZ4", run=run,
                 status=FindingStatus.REJECTED)
    node = a101.jurisdiction
    recent = {"JZ1": True, "JZ2": False, "JZ3": True, "JZ4": False}  # a trace within stale_quiet_days, not elsewhere
    _save_residences(run, [(Residence.REGISTRATION, node.pk, matched, number) for number, matched in recent.items()]
                     + [(Residence.PERSON, node.pk, True, "")])
    got = fusion_coverage(node=node)
    assert (got["registrations"], got["registrations_confirmed"], got["registrations_contradicted"]) == (4, 1, 1)
    assert (got["accuracy"], got["confirmed"], got["registration_rate"]) == (0.75, 0.25, 1.0)
