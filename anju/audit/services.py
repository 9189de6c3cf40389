"""The one way to write the audit log, and the sequencer that links written entries into the chain."""
import atexit
import json
import logging
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import close_old_connections, connection, models, transaction
from django.utils import timezone

from anju.audit.chain import GENESIS, digest_of
from anju.audit.models import AuditEntry, AuditHead, AuditSubject

logger = logging.getLogger(__name__)


def audit_log(*, actor, action: str, object_type: str = "", object_ids=(), purpose: str = "", client_ip: str = "",
              detail: dict | None = None, request=None) -> AuditEntry:
    """Writes one entry, in its own transaction (or the caller's), and has it sealed into the chain after commit.

    Called before personal data leave the server: if the audit write fails, the read fails with it. The entry
    is written pending, without taking any lock, so concurrent writers do not queue behind each other; the
    sequencer gives it its place in the chain (`seq`, `prev_hash`, `entry_hash`) moments after the commit.
    """
    if request is not None:
        client_ip = client_ip or getattr(request, "client_ip", "")
    actor = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    ids = [str(i) for i in object_ids]
    entry = AuditEntry(
        seq=None, at=timezone.now(), actor_id=actor.pk if actor else None,
        actor_label=actor.display_name() if actor else "", actor_role=actor.role if actor else "",
        action=action, object_type=object_type, object_ids=ids, purpose=purpose[:200], client_ip=client_ip[:64],
        detail=detail or {}, prev_hash="", entry_hash="",
    )
    # Inside an outer transaction no savepoint is needed: a failed append fails the whole action anyway.
    with transaction.atomic(savepoint=False):
        if connection.vendor == "postgresql":
            _insert_pg(entry, ids if object_type else [])
        else:
            entry.save()
            if ids and object_type:
                # one prepared INSERT run over the rows: bulk_create made a model instance of each, most of the
                # audit's time for an import's batch naming thousands of people
                with connection.cursor() as cursor:
                    cursor.executemany(_SUBJECTS_INSERT, [(entry.pk, object_type, i) for i in ids])
        transaction.on_commit(_sequencer.wake)
    return entry


_SUBJECTS_INSERT = (f"INSERT INTO {AuditSubject._meta.db_table} (entry_id, object_type, object_id) "
                    "VALUES (%s, %s, %s)")
_PG_INSERT = (
    "WITH e AS (INSERT INTO audit_auditentry (seq, at, actor_id, actor_label, actor_role, action, object_type, "
    "object_ids, purpose, client_ip, detail, prev_hash, entry_hash) "
    "VALUES (NULL, %s, %s, %s, %s, %s, %s, %s::jsonb, %s, %s, %s::jsonb, '', '') RETURNING id), "
    "s AS (INSERT INTO audit_auditsubject (entry_id, object_type, object_id) "
    "SELECT e.id, %s, unnest(%s::text[]) FROM e) SELECT id FROM e"
)


def _insert_pg(entry: AuditEntry, subject_ids: list[str]) -> None:
    """The entry and its subjects in one round trip: every audited request pays for this, so it is kept lean."""
    with connection.cursor() as cursor:
        cursor.execute(_PG_INSERT, [
            entry.at, entry.actor_id, entry.actor_label, entry.actor_role, entry.action, entry.object_type,
            json.dumps(entry.object_ids), entry.purpose, entry.client_ip, json.dumps(entry.detail), entry.object_type,
            subject_ids])
        entry.pk = cursor.fetchone()[0]
    entry._state.adding, entry._state.db = False, connection.alias


def _seal_round(batch_size: int) -> int:
    """Links up to `batch_size` pending entries into the chain, in the order they were written; returns how many.

    The head row's lock makes rounds strictly sequential across processes. A round waits for the lock rather
    than skipping: a round that starts after an entry's commit is then sure to see that entry.
    """
    with transaction.atomic():
        head = AuditHead.objects.select_for_update().filter(pk=1).first() or AuditHead.objects.create(pk=1)
        pending = list(AuditEntry.objects.filter(seq__isnull=True).order_by("id")[:batch_size])
        if not pending:
            return 0
        seq, prev_hash = head.seq, head.entry_hash
        for entry in pending:
            seq += 1
            entry.seq, entry.prev_hash = seq, prev_hash
            entry.entry_hash = prev_hash = digest_of(entry)
        _write_seals(pending)
        AuditHead.objects.filter(pk=1).update(seq=seq, entry_hash=prev_hash)
    return len(pending)


def _write_seals(entries) -> None:
    """Sealing is the one update the triggers allow; the append-only queryset refuses updates, so this goes around it."""
    if connection.vendor == "postgresql":
        # One statement for the batch: Django's bulk_update builds a CASE per column, costly at a thousand rows.
        rows = ", ".join(["(%s, %s, %s, %s)"] * len(entries))
        params = [v for e in entries for v in (e.pk, e.seq, e.prev_hash, e.entry_hash)]
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH v(id, seq, prev_hash, entry_hash) AS (VALUES {rows}) UPDATE audit_auditentry AS e "
                f"SET seq = v.seq, prev_hash = v.prev_hash, entry_hash = v.entry_hash FROM v WHERE e.id = v.id", params)
    else:
        models.QuerySet(AuditEntry).bulk_update(entries, ["seq", "prev_hash", "entry_hash"])


def audit_seal(*, batch_size: int = 2000) -> int:
    """Seals every pending entry (the sequencer's work; also `anju audit seal`). Returns how many were sealed."""
    sealed = 0
    while True:
        n = _seal_round(batch_size)
        sealed += n
        if n < batch_size:  # the round saw every entry committed before it began
            return sealed


class _Sequencer:
    """Seals pending entries after the transactions that wrote them commit.

    `inline` (tests) seals in the committing thread. `background` (servers) hands the work to one thread per
    process: a request only sets an event, and the thread seals whatever is pending — for all processes — in
    one round, so a burst of writes costs one lock and one batch update instead of one each. The thread also
    sweeps every `ANJU_AUDIT_SWEEP_SECONDS`, so entries left pending by a process that died are sealed anyway,
    and a process seals what it left pending when it exits.
    """

    GATHER_SECONDS = 0.05

    def __init__(self):
        self._event = threading.Event()
        self._thread = None
        self._start_lock = threading.Lock()

    def wake(self) -> None:
        if getattr(settings, "ANJU_AUDIT_SEAL", "background") != "background":
            audit_seal()
            return
        self._event.set()
        if self._thread is None or not self._thread.is_alive():  # first write in this process (or after a fork)
            with self._start_lock:
                if self._thread is None or not self._thread.is_alive():
                    if self._thread is None:
                        atexit.register(self._last_round)
                    self._thread = threading.Thread(target=self._run, name="audit-sequencer", daemon=True)
                    self._thread.start()

    def _run(self) -> None:
        sweep = getattr(settings, "ANJU_AUDIT_SWEEP_SECONDS", 5)
        while True:
            self._event.wait(timeout=sweep)
            # Cleared before the round: a wake-up during the round triggers another, so none is missed.
            self._event.clear()
            try:
                close_old_connections()
                audit_seal()
            except Exception:  # the entries stay pending, not lost: the next round seals them
                logger.exception("audit sequencer round failed")
                self._event.wait(timeout=1)
            # Let writes gather for a moment: under load a round then seals dozens of entries, not one or two.
            time.sleep(self.GATHER_SECONDS)

    def _last_round(self) -> None:
        try:
            audit_seal()
        except Exception:
            logger.exception("audit sequencer could not seal pending entries at exit")


_sequencer = _Sequencer()


@dataclass
class VerifyResult:
    ok: bool
    checked: int
    broken_seq: int | None = None
    reason: str = ""
    pending: int = 0  # written, not yet sealed into the chain


def audit_verify(*, batch_size: int = 5000, progress=None) -> VerifyResult:
    """Walks the sealed chain in order; reports the first entry whose link is broken, and how many wait to be sealed."""
    prev_hash, expected_seq, checked = GENESIS, 1, 0
    last_pk = 0
    while True:
        batch = list(AuditEntry.objects.filter(seq__gte=expected_seq).order_by("seq")[:batch_size])
        if not batch:
            break
        for entry in batch:
            if entry.seq != expected_seq:
                return VerifyResult(False, checked, expected_seq,
                                    f"条目 {expected_seq} 缺失 / entry {expected_seq} is missing (next is {entry.seq})")
            if entry.prev_hash != prev_hash:
                return VerifyResult(False, checked, entry.seq,
                                    f"条目 {entry.seq} 的前序哈希不符 / entry {entry.seq} does not follow the previous entry")
            if digest_of(entry) != entry.entry_hash:
                return VerifyResult(False, checked, entry.seq,
                                    f"条目 {entry.seq} 的内容已被改动 / entry {entry.seq} was altered after it was written")
            prev_hash, expected_seq, checked = entry.entry_hash, expected_seq + 1, checked + 1
            if progress:
                progress(1)
    head = AuditHead.objects.filter(pk=1).first()
    if head and (head.seq != checked or head.entry_hash != prev_hash):
        return VerifyResult(False, checked, checked + 1,
                            f"链尾不符：应有 {head.seq} 条，实有 {checked} 条 / the chain ends at {checked} but the head says {head.seq}")
    return VerifyResult(True, checked, pending=AuditEntry.objects.filter(seq__isnull=True).count())
