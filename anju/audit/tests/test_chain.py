"""The audit log is append-only and tamper-evident: `anju audit verify` finds the first broken link."""
import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from anju.audit.models import AuditEntry, AuditHead
from anju.audit.services import audit_log, audit_verify


@pytest.fixture
def chain(officer_a):
    for i in range(5):
        audit_log(actor=officer_a, action="person.read", object_type="person", object_ids=[i], purpose="核查",
                  detail={"n": i, "注": "中文"})
    # Creating the officer wrote an entry too: the chain is everything, in order.
    return list(AuditEntry.objects.order_by("seq"))


def raw_sql(sql, params=()):
    """Edits rows behind the application's back, as someone with database access could."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER audit_entry_append_only")
            cursor.execute(sql, params)
            cursor.execute("ALTER TABLE audit_auditentry ENABLE TRIGGER audit_entry_append_only")
        else:
            cursor.execute("DROP TRIGGER audit_entry_append_only")
            cursor.execute(sql, params)
            cursor.execute("CREATE TRIGGER audit_entry_append_only BEFORE UPDATE ON audit_auditentry "
                           "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;")


def test_each_entry_links_to_the_one_before(chain):
    assert [e.seq for e in chain] == list(range(1, len(chain) + 1))
    assert all(b.prev_hash == a.entry_hash for a, b in zip(chain, chain[1:]))
    assert audit_verify().ok


def test_verify_command_reports_an_intact_chain(chain, capsys):
    call_command("audit_verify")
    assert f"{len(chain)} 条" in capsys.readouterr().out


def test_a_changed_purpose_is_found_at_its_entry(chain):
    raw_sql("UPDATE audit_auditentry SET purpose = %s WHERE seq = 3", ["篡改"])
    result = audit_verify()
    assert not result.ok and result.broken_seq == 3 and "改动" in result.reason
    with pytest.raises(CommandError, match="3"):
        call_command("audit_verify")


def test_a_changed_actor_is_found(chain):
    raw_sql("UPDATE audit_auditentry SET actor_label = %s WHERE seq = 2", ["别人"])
    assert audit_verify().broken_seq == 2


def test_a_deleted_entry_is_found(chain):
    raw_sql("DELETE FROM audit_auditentry WHERE seq = 4")
    result = audit_verify()
    assert not result.ok and result.broken_seq == 4 and "缺失" in result.reason


def test_entries_deleted_from_the_end_are_found_by_the_head(chain):
    raw_sql("DELETE FROM audit_auditentry WHERE seq = %s", [chain[-1].seq])
    result = audit_verify()
    assert not result.ok and "链尾" in result.reason


def test_a_rewritten_entry_with_a_recomputed_plain_hash_is_still_found(chain):
    """The hash is keyed: without the key, nobody can forge a consistent entry."""
    import hashlib

    forged = hashlib.sha256(b"forged").hexdigest()
    raw_sql("UPDATE audit_auditentry SET purpose = %s, entry_hash = %s WHERE seq = 5", ["伪造", forged])
    assert audit_verify().broken_seq == 5  # the next entry's link would break too; the first break is reported


def test_the_application_cannot_update_or_delete_entries(chain):
    entry = chain[0]
    entry.purpose = "x"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(seq=1).update(purpose="x")
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()


def test_the_database_refuses_updates_too(chain):
    with pytest.raises(DatabaseError):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("UPDATE audit_auditentry SET purpose = 'x' WHERE seq = 1")


def test_head_tracks_the_last_entry(chain):
    head = AuditHead.objects.get(pk=1)
    assert head.seq == len(chain) and head.entry_hash == chain[-1].entry_hash


def test_audit_page_is_for_administrators_only(client, officer_a, admin_root, chain):
    client.force_login(officer_a)
    assert client.get("/staff/audit/").status_code == 403
    client.force_login(admin_root)
    response = client.get("/staff/audit/", {"type": "person", "id": "3"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 1
