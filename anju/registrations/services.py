"""The write path for declarations (the registration issue grows this into the whole workflow)."""
from django.db import IntegrityError, transaction

from anju.audit.services import audit_log
from anju.core import crypto
from anju.registrations.choices import DeclarationKind
from anju.registrations.models import Declaration


@transaction.atomic
def declaration_submit(*, actor, channel: str, name: str, parsed_id, house, room=None, tenancy=None, move_in=None,
                       phone: str = "", kind: str = DeclarationKind.REGISTER, reason: str = "",
                       idempotency_key: str | None = None) -> Declaration:
    """Creates a pending declaration; with an idempotency key, a repeat returns the first one."""
    if idempotency_key:
        existing = Declaration.objects.filter(idempotency_key=idempotency_key).first()
        if existing:
            return existing
    declaration = Declaration(
        kind=kind, channel=channel, name=name, id_cipher=crypto.encrypt(parsed_id.number),
        id_hash=crypto.blind_index(parsed_id.number), id_masked=parsed_id.masked, sex=parsed_id.sex,
        birth_date=parsed_id.birth_date, phone=phone, house=house, room=room, tenancy=tenancy, move_in=move_in,
        jurisdiction=house.jurisdiction, submitted_by=actor, idempotency_key=idempotency_key, reason=reason,
    )
    try:
        with transaction.atomic():
            declaration.save()
    except IntegrityError:
        # A concurrent duplicate with the same key won the race: return it.
        return Declaration.objects.get(idempotency_key=idempotency_key)
    audit_log(actor=actor, action=f"declaration.{kind}", object_type="declaration", object_ids=[declaration.pk],
              detail={"channel": channel, "house": house.pk})
    return declaration
