"""A resident's "who has looked at my information" (/me/) lists every audited read of their own information: their
person record, their registrations (and the door records and cards read under them), the declarations about them,
with who, when and why; not other people's, and in a few queries a record type however long the log."""
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from anju.audit.services import audit_log
from conftest import valid_id


@pytest.fixture
def mine(resident, officer_a, people):
    """The resident's person record and the registration they declared themselves (under the same ID number), and a
    neighbour's registration at the same house."""
    from anju.registrations.services import declaration_approve, declare

    person = people["a"]
    person.account = resident
    person.save()

    def registered(actor, number, name):
        declaration = declare(actor=actor, channel="resident" if actor == resident else "police",
                              house=people["house_a"], name=name, id_number=number,
                              move_in=timezone.localdate() - timezone.timedelta(days=3), phone="13900000001",
                              idempotency_key=uuid.uuid4().hex)
        return declaration, declaration_approve(actor=officer_a, declaration=declaration, note="ok")

    declaration, registration = registered(resident, valid_id(seq="111"), "张甲")
    _other_declaration, neighbour = registered(officer_a, valid_id(seq="555"), "邻居")
    return {"person": person, "declaration": declaration, "registration": registration, "neighbour": neighbour}


def _history(client, resident) -> str:
    client.force_login(resident)
    body = client.get("/me/").content.decode()
    return body[body.index('id="access-history"'):body.index("</table>", body.index('id="access-history"'))]


def test_the_resident_sees_reads_of_their_registration_declaration_and_door_records(client, officer_a, resident,
                                                                                   mine, people):
    client.force_login(officer_a)
    client.get(f"/staff/registrations/{mine['registration'].pk}/")  # 查看了居住登记
    client.get(f"/staff/declarations/{mine['declaration'].pk}/")  # 查看了申报
    client.get(f"/staff/houses/{people['house_a'].pk}/cards/")  # the house's cards and who may hold one
    # the device page's read of the swipes of their card (查看了出入记录), as doors/views.device_detail_view writes it
    audit_log(actor=officer_a, action="door.event.list", object_type="registration",
              object_ids=[mine["registration"].pk], purpose="门禁管理 door access")
    history = _history(client, resident)
    for words in ("查看了居住登记", "查看了申报", "查看了出入记录", "<td>门禁管理</td>", "甲所民警"):  # why, in Chinese alone
        assert words in history, words
    assert history.count("<tr>") >= 5  # heading, registration, declaration, cards, door entries


def test_reads_of_someone_else_s_records_are_not_listed(client, officer_a, resident, mine):
    audit_log(actor=officer_a, action="registration.read", object_type="registration",
              object_ids=[mine["neighbour"].pk], purpose="邻居的登记 neighbour's registration")
    audit_log(actor=officer_a, action="person.read", object_type="person", object_ids=[mine["registration"].pk + 999],
              purpose="另一个人 someone else")
    history = _history(client, resident)
    assert "邻居的登记" not in history and "另一个人" not in history


def test_the_history_is_a_few_indexed_queries_however_many_entries_there_are(client, officer_a, resident, mine):
    def queries():
        client.force_login(resident)
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/me/").status_code == 200
        return [q["sql"] for q in captured.captured_queries if '"audit_auditentry"' in q["sql"].split("FROM", 1)[-1]
                and "SELECT" in q["sql"][:10]]

    audit_log(actor=officer_a, action="registration.read", object_type="registration",
              object_ids=[mine["registration"].pk], purpose="一次")
    few = queries()
    for n in range(30):
        audit_log(actor=officer_a, action="registration.read", object_type="registration",
                  object_ids=[mine["registration"].pk, mine["neighbour"].pk], purpose=f"第{n}次")
        audit_log(actor=officer_a, action="person.read", object_type="person", object_ids=[mine["person"].pk])
    many = queries()
    assert len(many) == len(few) <= 5  # one a record type the resident has records of
    for sql in many:  # each reads one record type's entries, by the ids of its subjects: never the whole log
        assert '"audit_auditentry"."object_type" = ' in sql and '"object_id" IN (' in sql, sql


def test_reads_of_a_declaration_under_their_number_in_another_name_are_not_listed(client, officer_a, resident,
                                                                                   mine, people):
    """Someone declared under the resident's ID number in another name (a mistyped or misused number, which the
    declaration queue flags until an officer decides): who read that declaration is the other person's information,
    and telling the resident could tip off someone using their number."""
    from anju.registrations.services import declare

    other = declare(actor=officer_a, channel="police", house=people["house_a"], name="李冒名",
                    id_number=valid_id(seq="111"), move_in=timezone.localdate() - timezone.timedelta(days=1),
                    phone="13900000002", idempotency_key=uuid.uuid4().hex)
    assert "registered_other_name" in other.flags
    client.force_login(officer_a)
    client.get(f"/staff/declarations/{other.pk}/")  # 查看了申报, of the other name's declaration
    audit_log(actor=officer_a, action="registration.read", object_type="registration",
              object_ids=[mine["registration"].pk], purpose="本人的登记 their own")
    history = _history(client, resident)
    assert "本人的登记" in history
    assert history.count("查看了申报") == 0
