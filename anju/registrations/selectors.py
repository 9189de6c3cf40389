"""Reads of declarations, registrations, tasks and organisations: scoped for staff, own-only for the public."""
from django.db.models import Count, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, NullIf
from django.http import Http404

from anju.audit.services import audit_log
from anju.core.paging import first_and_total
from anju.lib.bilingual import bilingual
from anju.people.selectors import education_on_record
from anju.registrations.choices import DeclarationKind, DeclarationStatus, RegistrationStatus, TaskStatus
from anju.registrations.models import Declaration, Delegation, Organisation, Registration, VerificationTask

PURPOSE = "居住登记核录 registration verification"


def _int(pk):
    try:
        return int(pk)
    except (TypeError, ValueError):
        raise Http404("not found") from None


def declaration_queryset(*, user):
    return Declaration.objects.restrict(user).select_related("house", "room", "jurisdiction", "submitted_by",
                                                             "on_behalf_of", "organisation")


def declaration_queue(*, user, flagged: str = ""):
    """Pending declarations (not children: they go with their parent), oldest first."""
    qs = declaration_queryset(user=user).filter(status=DeclarationStatus.PENDING, guardian__isnull=True)
    if flagged == "clean":
        qs = qs.filter(flags=[])
    elif flagged == "flagged":
        qs = qs.exclude(flags=[])
    return qs.prefetch_related("children", "tasks").order_by("created_at", "pk")


def declaration_get(*, user, pk, request=None) -> Declaration:
    declaration = declaration_queryset(user=user).filter(pk=_int(pk)).first()
    if declaration is None:
        raise Http404("not found")
    # the page shows the children declared with the parent: theirs are read too
    ids = [declaration.pk, *declaration.children.values_list("pk", flat=True)]
    audit_log(actor=user, action="declaration.read", object_type="declaration", object_ids=ids,
              purpose=PURPOSE, request=request)
    return declaration


def registered_under_other_names(*, user, declaration: Declaration, request=None) -> list[dict]:
    """Active registrations of a pending declaration's number under another name, which approving it would end: the
    name always (the officer must know whose registration it is), the registration itself only where it lies inside
    the reader's jurisdiction (audited), as in ``registration_history``. Read as they are now, not from the
    declaration's identity_detail["registered"], which keeps the one found when it was filed: one may have ended or
    another begun since, and approval checks them again."""
    from anju.registrations.services import other_name

    if declaration.status != DeclarationStatus.PENDING or declaration.kind != DeclarationKind.REGISTER:
        return []
    active = Registration.objects.filter(id_hash=declaration.id_hash, status=RegistrationStatus.ACTIVE)
    others = [(r, hint) for r in active if (hint := other_name(declaration.name, r.name)) is not None]
    visible = set(Registration.objects.restrict(user).filter(pk__in=[r.pk for r, _hint in others])
                  .values_list("pk", flat=True))
    if visible:
        audit_log(actor=user, action="registration.read", object_type="registration", object_ids=sorted(visible),
                  purpose=PURPOSE, request=request)
    return [{"name": r.name, "hint": hint, "r": r if r.pk in visible else None} for r, hint in others]


def declared_twice(*, user, declaration: Declaration, request=None) -> list[dict]:
    """The other residence declarations of the number filed while one of them waited (the ones named when either was
    filed, ``identity_detail["declared_twice"]``, and any of the number waiting now), read as they are now: when one is
    approved or returned its status says so. Name, address, channel, filing date and status always (the officer must
    know where else the number is declared), the declaration itself (a link) only where it lies inside the reader's
    jurisdiction. Those shown are audited."""
    from anju.registrations.services import pending_twins

    if declaration.kind != DeclarationKind.REGISTER:
        return []
    named = declaration.identity_detail.get("declared_twice") or []
    others = list(Declaration.objects.filter(Q(pk__in=named) | Q(pk__in=pending_twins(declaration).values("pk")))
                  .exclude(pk=declaration.pk).select_related("house").order_by("created_at", "pk"))
    if not others:
        return []
    visible = set(declaration_queryset(user=user).filter(pk__in=[d.pk for d in others]).values_list("pk", flat=True))
    audit_log(actor=user, action="declaration.read", object_type="declaration", object_ids=[d.pk for d in others],
              purpose=PURPOSE, request=request)
    return [{"d": d, "visible": d.pk in visible} for d in others]


def registration_search(*, user, q: str = "", status: str = "active", person=None):
    """Registrations in the reader's jurisdiction; ``person``: a person's pk of the register, whose registrations these
    are (by the blind index of the number), if the reader may read that person (people.selectors.person_queryset)."""
    from anju.people.selectors import person_queryset
    from anju.people.services import id_number_lookup_hash

    qs = Registration.objects.restrict(user).select_related("jurisdiction", "house")
    if status:
        qs = qs.filter(status=status)
    if person is not None:
        qs = qs.filter(id_hash__in=person_queryset(user=user).filter(pk=_int(person)).values("id_hash"))
    q = (q or "").strip()
    if q:
        id_hash = id_number_lookup_hash(q)
        qs = qs.filter(id_hash=id_hash) if id_hash else qs.filter(Q(name__contains=q) | Q(address__contains=q) | Q(number=q))
    return qs


def registration_get(*, user, pk, request=None) -> Registration:
    registration = Registration.objects.restrict(user).select_related("jurisdiction", "house").filter(pk=_int(pk)).first()
    if registration is None:
        raise Http404("not found")
    audit_log(actor=user, action="registration.read", object_type="registration", object_ids=[registration.pk],
              purpose=PURPOSE, request=request)
    return registration


def person_registrations(*, user, id_hash: str, limit: int = 5, request=None) -> tuple[list[Registration], int]:
    """A person's registrations in the reader's jurisdiction (by the blind index of the number), newest first: the
    first ``limit`` (audited) and how many there are. For the staff person page (registrations.panels)."""
    qs = Registration.objects.restrict(user).filter(id_hash=id_hash).order_by("-starts_on", "-pk")
    shown, total = first_and_total(qs, limit=limit)
    if shown:
        audit_log(actor=user, action="registration.list", object_type="registration",
                  object_ids=[r.pk for r in shown], purpose=PURPOSE, request=request)
    return shown, total


def person_declarations(*, user, id_hash: str, limit: int = 5, request=None) -> tuple[list[Declaration], int]:
    """A person's declarations in the reader's jurisdiction, newest first, as ``person_registrations``."""
    qs = Declaration.objects.restrict(user).filter(id_hash=id_hash).select_related("house").order_by(
        "-created_at", "-pk")
    shown, total = first_and_total(qs, limit=limit)
    if shown:
        audit_log(actor=user, action="declaration.list", object_type="declaration",
                  object_ids=[d.pk for d in shown], purpose=PURPOSE, request=request)
    return shown, total


def declarations_pending_count(*, user) -> int:
    """The declarations waiting in the reader's verification queue (``declaration_queue``), counted."""
    return Declaration.objects.restrict(user).filter(status=DeclarationStatus.PENDING, guardian__isnull=True).count()


def tasks_open_count(*, user) -> int:
    """The on-site checks open for the reader: theirs, and their jurisdiction's (``tasks_for``), counted."""
    return VerificationTask.objects.filter(
        Q(assignee=user) | Q(pk__in=VerificationTask.objects.restrict(user)), status=TaskStatus.OPEN).count()


def education_counts(*, node=None) -> list[dict]:
    """Active registrations counted by education, per jurisdiction node (``jurisdiction_id``, ``education``, ``n``), in
    ``node``'s subtree (the cockpit's scope: its path prefix), or everywhere without one. Each is counted by the
    register's education of the person (``people.Person.education``, found by the number's blind index) where the
    register knows it, else by the one its declaration stated; ``""`` where neither does (an imported registration of
    someone the register knows nothing of). One grouped query; counts only, no person leaves."""
    active = Registration.objects.filter(status=RegistrationStatus.ACTIVE)
    if node is not None:
        active = active.filter(jurisdiction__path__startswith=node.path)
    return list(active.annotate(education=Coalesce(Subquery(education_on_record(OuterRef("id_hash"))),
                                                   NullIf(F("declaration__education"), Value("")), Value("")))
                .values("jurisdiction_id", "education").annotate(n=Count("pk")).order_by())


def registration_history(*, user, registration: Registration, request=None, limit: int = 20) -> list[dict]:
    """The person's earlier registrations, newest first: in full where they lie inside the reader's jurisdiction,
    elsewhere only their dates (the address belongs to another station's records). The ones shown are audited."""
    chain = []
    current = registration
    while current.previous_id and len(chain) < limit:
        current = Registration.objects.select_related("jurisdiction").get(pk=current.previous_id)
        chain.append(current)
    visible = set(Registration.objects.restrict(user).filter(pk__in=[r.pk for r in chain])
                  .values_list("pk", flat=True))
    if visible:
        audit_log(actor=user, action="registration.read", object_type="registration", object_ids=sorted(visible),
                  purpose=PURPOSE, request=request)
    return [{"r": r, "visible": r.pk in visible} for r in chain]


def own_declarations(*, user):
    """What a public user filed, or what was filed for them."""
    return Declaration.objects.filter(Q(submitted_by=user) | Q(on_behalf_of=user), guardian__isnull=True).select_related(
        "house", "registration").order_by("-created_at")


def own_declaration_values(*, user, declaration: Declaration) -> dict:
    """The declaration form's values from the public user's own ``declaration`` (one of ``own_declarations``), to
    correct it: the numbers in full, as they were typed (the reading is audited, children's too)."""
    from anju.registrations.forms import MAX_CHILDREN

    children = list(declaration.children.order_by("pk")[:MAX_CHILDREN])
    audit_log(actor=user, action="declaration.read", object_type="declaration",
              object_ids=[declaration.pk, *(c.pk for c in children)])
    values = {"name": declaration.name, "id_number": declaration.id_number, "phone": declaration.phone,
              "move_in": declaration.move_in, "room": declaration.room_id or "",
              "on_behalf": declaration.delegation_id if declaration.delegation_id and declaration.delegation.agent_id
              == user.pk else "",
              **{k: getattr(declaration, k) for k in ("ethnicity", "hukou_address", "education", "marital_status",
                                                       "employer", "occupation")}}
    for i, child in enumerate(children):
        values[f"child_name_{i}"], values[f"child_id_{i}"] = child.name, child.id_number
    return values


def own_registrations(*, user):
    return Registration.objects.filter(account=user).select_related("house").order_by("-starts_on", "-pk")


def own_registration(*, user, pk) -> Registration:
    registration = own_registrations(user=user).filter(pk=_int(pk)).first()
    if registration is None:
        raise Http404("not found")
    return registration


def tasks_for(*, user, done: bool | None = False):
    """On-site tasks, the reader's own and those of their jurisdiction: open ones by due date, done ones newest first
    (``done=None``: both; a queryset: ``task_list`` and ``task_get`` read and audit them)."""
    tasks = VerificationTask.objects.filter(Q(assignee=user) | Q(pk__in=VerificationTask.objects.restrict(user)))
    if done is not None:  # done: with the ones cancelled when their declaration was withdrawn
        tasks = tasks.exclude(status=TaskStatus.OPEN) if done else tasks.filter(status=TaskStatus.OPEN)
    return tasks.select_related("declaration", "declaration__house").order_by("-done_at" if done else "due_on")


def task_list(*, user, done: bool = False, request=None) -> list[VerificationTask]:
    """Open tasks, or the 100 done most recently (what was found, for the record)."""
    tasks = list(tasks_for(user=user, done=done)[:100] if done else tasks_for(user=user, done=done))
    if tasks:
        audit_log(actor=user, action="declaration.list", object_type="declaration",
                  object_ids=sorted({t.declaration_id for t in tasks}), request=request, purpose=PURPOSE)
    return tasks


def task_get(*, user, pk, request=None) -> VerificationTask:
    task = tasks_for(user=user, done=None).filter(pk=_int(pk)).first()
    if task is None:
        raise Http404("not found")
    audit_log(actor=user, action="declaration.read", object_type="declaration", object_ids=[task.declaration_id],
              request=request, purpose=PURPOSE)
    return task


def delegations_received(*, user):
    return Delegation.objects.filter(agent=user, revoked_at__isnull=True).select_related("grantor")


def organisations_operated(*, user):
    return Organisation.objects.filter(Q(operators=user) | Q(managed_by__operators=user)).distinct()


def organisation_by_token(*, token: str) -> Organisation:
    from anju.houses import plates

    serial = plates.verify(token)
    organisation = Organisation.objects.filter(qr_serial=serial).select_related("jurisdiction").first()
    if organisation is None:
        raise plates.PlateTokenError("unknown", bilingual("该单位码不存在", "no such workplace code"))
    return organisation
