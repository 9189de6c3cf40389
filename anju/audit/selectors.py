"""Reads of the audit log."""
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext as _

from anju.audit.models import OBJECT_TYPE_LABELS, AuditEntry, AuditSubject


class AuditFilterError(ValueError):
    """A filter the log cannot apply (a record type it does not know); the message is shown as is."""


def audit_entries_for(user):
    """The entries an administrator may read: those of staff inside their own subtree; a province's administrators
    also those of the system (imports, runs, exports) and of the public (residents reading their own records)."""
    node = user.scope_node if user.can_read_audit else None
    if node is None:
        raise PermissionDenied
    qs = AuditEntry.objects.all()
    return qs if node.level == "province" else qs.filter(actor__jurisdiction__path__startswith=node.path)


def audit_entry_list(*, user, action: str = "", object_type: str = "", object_id: str = "", actor: str = ""):
    """The entries `user` may read, narrowed by the filters. `object_type` is a record type's code (`person`), alone
    or with one record's id; a code the log does not know raises AuditFilterError rather than matching nothing.

    An id without a type raises AuditFilterError too: each type numbers its records on its own, so entries about
    "3" across types are about person 3, house 3, account 3 …, unrelated records that the page (which shows a type
    and a count, not ids) would present as one record's history."""
    qs = audit_entries_for(user)
    object_id = object_id.strip()
    if action:
        qs = qs.filter(action=action)
    if object_type and object_type not in OBJECT_TYPE_LABELS:
        raise AuditFilterError(
            _("There is no record type “%(code)s”: choose one from the list.") % {"code": object_type})
    if object_id and not object_type:
        raise AuditFilterError(
            _("Choose the record type of record id %(id)s: each type of record is numbered on its own, so an id "
              "alone does not say which record it is.") % {"id": object_id})
    if object_type and object_id:
        qs = qs.filter(subjects__object_type=object_type, subjects__object_id=object_id)
    elif object_type:
        qs = qs.filter(object_type=object_type)
    if actor:  # the name shown in the log (甲所民警) or the one the account signs in with (officer_a)
        qs = qs.filter(Q(actor_label__icontains=actor) | Q(actor__username__iexact=actor))
    return qs


def record_access_history(*, records: dict, except_actor=None, limit: int = 100) -> list:
    """Who read or changed any of `records` (a record type → the ids of that type: a resident's person record, their
    registrations, declarations, cards …), newest first, at most `limit` entries; for the resident's own "who looked
    at me" page, which leaves out the resident's own reads (`except_actor`).

    One query per type, never a scan of the log: the subjects' index on (object_type, object_id) finds the entries
    naming those ids, and the entries' index on (object_type, id) (audit 0004) reads the newest `limit` of them (an
    entry's subjects are always of its own object_type)."""
    entries = []
    for object_type, ids in records.items():
        ids = sorted({str(i) for i in ids})
        if not ids:
            continue
        named = AuditSubject.objects.filter(object_type=object_type, object_id__in=ids).values("entry_id")
        qs = AuditEntry.objects.filter(object_type=object_type, id__in=named)
        if except_actor is not None:
            qs = qs.exclude(actor_id=except_actor.pk)
        entries.extend(qs.order_by("-id")[:limit])
    return sorted(entries, key=lambda entry: entry.id, reverse=True)[:limit]
