"""The audit chain's hashing: one canonical form, used to write and to verify."""
import json

from anju.core import crypto

GENESIS = "0" * 64


def entry_digest(*, seq, at, actor_id, actor_label, actor_role, action, object_type, object_ids, purpose,
                 client_ip, detail, prev_hash) -> str:
    body = json.dumps(
        [seq, at.isoformat(), actor_id, actor_label, actor_role, action, object_type, [str(i) for i in object_ids],
         purpose, client_ip, detail, prev_hash],
        ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str,
    )
    return crypto.mac(body.encode(), purpose="audit-chain")


def digest_of(entry) -> str:
    return entry_digest(
        seq=entry.seq, at=entry.at, actor_id=entry.actor_id, actor_label=entry.actor_label, actor_role=entry.actor_role,
        action=entry.action, object_type=entry.object_type, object_ids=entry.object_ids, purpose=entry.purpose,
        client_ip=entry.client_ip, detail=entry.detail, prev_hash=entry.prev_hash,
    )
