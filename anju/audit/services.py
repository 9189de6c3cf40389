"""The one way to write the audit log."""
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from anju.audit.chain import GENESIS, digest_of, entry_digest
from anju.audit.models import AuditEntry, AuditHead, AuditSubject


def audit_log(*, actor, action: str, object_type: str = "", object_ids=(), purpose: str = "", client_ip: str = "",
              detail: dict | None = None, request=None) -> AuditEntry:
    """Appends one entry to the chain, in its own transaction (savepoint when nested).

    Called before personal data leave the server: if the audit write fails, the
    read fails with it. The head row lock makes appends strictly sequential.
    """
    if request is not None:
        client_ip = client_ip or getattr(request, "client_ip", "")
    actor = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    ids = [str(i) for i in object_ids]
    # Inside an outer transaction no savepoint is needed: a failed append fails the whole action anyway.
    with transaction.atomic(savepoint=False):
        head, _ = AuditHead.objects.select_for_update().get_or_create(pk=1)
        at = timezone.now()
        fields = dict(
            seq=head.seq + 1, at=at, actor_id=actor.pk if actor else None,
            actor_label=actor.display_name() if actor else "", actor_role=actor.role if actor else "",
            action=action, object_type=object_type, object_ids=ids, purpose=purpose[:200], client_ip=client_ip[:64],
            detail=detail or {}, prev_hash=head.entry_hash,
        )
        entry = AuditEntry(**fields, entry_hash=entry_digest(**fields))
        entry.save()
        if ids and object_type:
            AuditSubject.objects.bulk_create([AuditSubject(entry=entry, object_type=object_type, object_id=i) for i in ids])
        AuditHead.objects.filter(pk=1).update(seq=entry.seq, entry_hash=entry.entry_hash)
    return entry


@dataclass
class VerifyResult:
    ok: bool
    checked: int
    broken_seq: int | None = None
    reason: str = ""


def audit_verify(*, batch_size: int = 5000, progress=None) -> VerifyResult:
    """Walks the chain in order; reports the first entry whose link is broken."""
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
    return VerifyResult(True, checked)
