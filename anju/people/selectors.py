"""The read path for people: scoped to the user's jurisdiction and audited.

Views, the API, exports and the admin all come through here.
"""
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from anju.audit.services import audit_log
from anju.jurisdictions.selectors import node_list
from anju.people.models import Person
from anju.people.services import id_number_lookup_hash

DEFAULT_PURPOSE = "日常管理 routine administration"


def person_queryset(*, user):
    return Person.objects.restrict(user).select_related("jurisdiction", "house")


def person_search(*, user, q: str = "", node_code: str = ""):
    """Scoped search by name, phone, full ID number or house address; `node_code` narrows to a subtree.

    A node outside the user's own subtree narrows to nothing rather than
    raising, so a list filter cannot be used to probe what exists elsewhere.
    """
    qs = person_queryset(user=user)
    if node_code:
        node = node_list(user=user).filter(code=node_code).first()
        qs = qs.filter(jurisdiction__path__startswith=node.path) if node else qs.none()
    q = (q or "").strip()
    if q:
        id_hash = id_number_lookup_hash(q)
        if id_hash:
            qs = qs.filter(id_hash=id_hash)
        else:
            qs = qs.filter(Q(name__icontains=q) | Q(phone=q) | Q(address__icontains=q))
    return qs


def person_list_audit(*, user, ids, purpose: str = "", request=None, action: str = "person.list"):
    """Records that these people were shown in a list (one entry for the page, one subject row each)."""
    audit_log(actor=user, action=action, object_type="person", object_ids=list(ids),
              purpose=purpose or user.purpose or DEFAULT_PURPOSE, request=request)


def person_get(*, user, pk, purpose: str = "", request=None) -> Person:
    """One person, or 404 when absent or outside the user's jurisdiction (the two are indistinguishable)."""
    try:
        person = person_queryset(user=user).filter(pk=int(pk)).first()
    except (TypeError, ValueError):
        person = None
    if person is None:
        raise Http404("not found")
    audit_log(actor=user, action="person.read", object_type="person", object_ids=[person.pk],
              purpose=purpose or user.purpose or DEFAULT_PURPOSE, request=request)
    return person


def person_id_number_reveal(*, user, person: Person, purpose: str = "", request=None) -> str:
    """The full ID number, for roles whose duty needs it; every reveal is audited."""
    if not user.can_unmask:
        raise PermissionDenied
    if not person_queryset(user=user).filter(pk=person.pk).exists():
        raise Http404("not found")
    audit_log(actor=user, action="person.unmask", object_type="person", object_ids=[person.pk],
              purpose=purpose or user.purpose or DEFAULT_PURPOSE, request=request)
    return person.id_number


def person_own(*, user, request=None) -> Person | None:
    """A public user's own record, if one is linked to their account. The read is audited like any other: a
    record read through a stolen sign-in shows up, with its time and address, in the log."""
    person = Person.objects.filter(account=user).select_related("jurisdiction", "house").first()
    if person is not None:
        audit_log(actor=user, action="person.read.own", object_type="person", object_ids=[person.pk],
                  request=request, purpose="本人查询 own record")
    return person
