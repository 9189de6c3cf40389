"""The audit log is append-only and tamper-evident: `anju audit verify` finds the first broken link."""
import importlib
import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from anju.audit.models import AuditEntry, AuditHead
from anju.audit.services import audit_log, audit_seal, audit_verify

m0003 = importlib.import_module("anju.audit.migrations.0003_pending_entries")


@pytest.fixture
def chain(officer_a):
    for i in range(5):
        audit_log(actor=officer_a, action="person.read", object_type="person", object_ids=[i], purpose="核查",
                  detail={"n": i, "注": "中文"})
    # The test's transaction never commits, so the sequencer is run by hand. Creating the officer wrote an
    # entry too: the chain is everything, in order.
    audit_seal()
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
            cursor.execute(m0003.SQLITE_FORWARD)


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


def test_entries_are_written_pending_and_sealed_in_the_order_written(officer_a, chain):
    first = audit_log(actor=officer_a, action="person.read", object_type="person", object_ids=[7])
    second = audit_log(actor=officer_a, action="person.list", object_type="person", object_ids=[8, 9])
    assert first.seq is None and first.entry_hash == "" and AuditHead.objects.get(pk=1).seq == len(chain)
    assert AuditEntry.objects.filter(subjects__object_id="9").get() == second  # visible at once, before sealing
    assert audit_verify().pending == 2 and audit_verify().ok
    assert audit_seal() == 2
    first.refresh_from_db(), second.refresh_from_db()
    assert (first.seq, second.seq) == (len(chain) + 1, len(chain) + 2)
    assert first.prev_hash == chain[-1].entry_hash and second.prev_hash == first.entry_hash
    assert audit_verify().ok and audit_verify().checked == len(chain) + 2 and audit_seal() == 0


def test_sealing_runs_after_commit(officer_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        entry = audit_log(actor=officer_a, action="person.read", object_type="person", object_ids=[1])
    entry.refresh_from_db()
    assert entry.seq == AuditHead.objects.get(pk=1).seq and entry.entry_hash


def test_the_database_lets_a_pending_entry_be_sealed_but_never_changed(officer_a, chain):
    entry = audit_log(actor=officer_a, action="person.read", object_type="person", object_ids=[1], purpose="核查")
    with pytest.raises(DatabaseError):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("UPDATE audit_auditentry SET purpose = 'x', seq = 999 WHERE id = %s", [entry.pk])
    with pytest.raises(DatabaseError):
        with transaction.atomic(), connection.cursor() as cursor:  # unsealing a sealed entry
            cursor.execute("UPDATE audit_auditentry SET seq = NULL WHERE seq = 1")
    assert audit_seal() == 1 and audit_verify().ok


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_end_in_one_unbroken_chain(officer_a, settings):
    """Many threads write at once, each sealing after its commit: every entry is sealed exactly once, in one chain."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite's test database serialises every writer anyway")
    settings.ANJU_AUDIT_SEAL = "inline"
    errors = []

    def writer(n):
        from django.db import connection as own

        try:
            for i in range(20):
                audit_log(actor=officer_a, action="person.read", object_type="person", object_ids=[n * 100 + i])
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            own.close()

    before = AuditEntry.objects.count()
    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    result = audit_verify()
    assert result.ok and result.pending == 0 and result.checked == before + 160
    assert AuditEntry.objects.filter(seq__isnull=False).count() == before + 160


def test_a_stations_administrator_reads_only_the_entries_of_their_own_staff(client, admin_a, admin_root, officer_a,
                                                                            officer_b):
    mine = audit_log(actor=officer_a, action="person.read", object_type="person", object_ids=[1])
    theirs = audit_log(actor=officer_b, action="person.read", object_type="person", object_ids=[2])
    system = audit_log(actor=None, action="fusion.export", object_type="finding", object_ids=[3])
    client.force_login(admin_a)
    seen = {e.pk for e in client.get("/staff/audit/").context["page"].object_list}
    assert mine.pk in seen and theirs.pk not in seen and system.pk not in seen
    assert officer_b.display_name() not in client.get(f"/admin/audit/auditentry/{theirs.pk}/change/",
                                                      follow=True).content.decode()
    assert f"/admin/audit/auditentry/{theirs.pk}/change/" not in client.get("/admin/audit/auditentry/").content.decode()
    client.force_login(admin_root)  # the province's: everything
    seen = {e.pk for e in client.get("/staff/audit/").context["page"].object_list}
    assert {mine.pk, theirs.pk, system.pk} <= seen


def test_the_who_filter_finds_an_account_by_its_sign_in_name_as_well_as_its_display_name(client, admin_root,
                                                                                          officer_a, officer_b):
    """An administrator looking for what officer_a did types the name officer_a signs in with: the filter matched only
    the name shown in the log (甲所民警), so it found nothing."""
    mine = audit_log(actor=officer_a, action="person.read", object_type="person", object_ids=[1])
    theirs = audit_log(actor=officer_b, action="person.read", object_type="person", object_ids=[2])
    client.force_login(admin_root)
    for typed in ("officer_a", "OFFICER_A", "甲所"):
        seen = {e.pk for e in client.get("/staff/audit/", {"actor": typed}).context["page"].object_list}
        assert mine.pk in seen and theirs.pk not in seen, typed
