"""core.bulk: the imports' write path. A row written by insert_many is the row save() would have written."""
import datetime as dt

from anju.core import crypto
from anju.core.bulk import bulk_upsert, insert_many
from anju.registrations.models import Registration

COMPARED = ("number", "status", "name", "id_hash", "id_masked", "sex", "birth_date", "phone", "address",
            "starts_on", "ended_on", "end_reason", "source", "extra", "jurisdiction_id", "standard_address_id")


def _registration(number, node, **changes):
    values = dict(number=number, name="周八", id_cipher=crypto.encrypt("110101199003071234"),
                  id_hash=crypto.blind_index("110101199003071234"), id_masked="110101********1234", sex="1",
                  birth_date=dt.date(1990, 3, 7), phone="13800000000", address="某路1号", jurisdiction=node,
                  starts_on=dt.date(2025, 1, 2), status="cancelled", ended_on=dt.date(2026, 5, 1),
                  end_reason="导入文件中已注销", source="import", extra={"id_legacy": True, "address_match": {"c": 1.0}})
    return Registration(**{**values, **changes})


def test_a_row_inserted_in_bulk_is_the_row_save_writes(tree):
    node = tree["A1C1G1"]
    _registration("R-SAVED", node).save()
    insert_many(Registration, [_registration("R-BULK", node), _registration("R-BULK2", node, extra={}, ended_on=None)])
    saved, bulk = Registration.objects.get(number="R-SAVED"), Registration.objects.get(number="R-BULK")
    assert {f: getattr(bulk, f) for f in COMPARED if f != "number"} == \
        {f: getattr(saved, f) for f in COMPARED if f != "number"}
    # the ciphertexts differ (a new nonce each time), the numbers they hold do not
    assert bulk.created_at is not None and bulk.id_number == saved.id_number == "110101199003071234"
    assert Registration.objects.get(number="R-BULK2").extra == {} and Registration.objects.count() == 3


def test_an_upsert_creates_the_new_updates_the_changed_and_counts_the_rest(tree):
    node = tree["A1C1G1"]
    fields = ["name", "phone", "extra"]
    assert bulk_upsert(Registration, key="number", records={n: _registration(n, node) for n in ("R-1", "R-2")},
                       fields=fields) == (2, 0, 0)
    again = {"R-1": _registration("R-1", node, phone="13900000000"), "R-2": _registration("R-2", node),
             "R-3": _registration("R-3", node)}
    assert bulk_upsert(Registration, key="number", records=again, fields=fields) == (1, 1, 1)
    assert Registration.objects.get(number="R-1").phone == "13900000000"
