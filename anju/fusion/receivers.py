"""Fusion listens to registrations (which must not import fusion): a registration that ends resolves the open
findings about it, one at a time (a service ended it) or in bulk (an import cancelled a batch); an approved declaration
that a person filed by answering "yes" to a finding confirms that finding, and one they withdraw takes that "yes" back
(or, corrected, is carried on by the corrected declaration)."""
from django.dispatch import receiver

from anju.registrations.signals import (
    declaration_approved, declaration_withdrawn, registration_ended, registrations_ended,
)


@receiver(registration_ended, dispatch_uid="fusion.resolve_findings_on_registration_end")
def resolve_findings(sender, *, registration, actor=None, **kwargs):
    from anju.fusion.services import findings_resolve_for_registration

    findings_resolve_for_registration(actor=actor, registration=registration)


@receiver(registrations_ended, dispatch_uid="fusion.resolve_findings_on_registrations_end")
def resolve_findings_in_bulk(sender, *, registration_ids, actor=None, **kwargs):
    from anju.fusion.services import findings_resolve_for_registrations

    findings_resolve_for_registrations(actor=actor, registration_ids=registration_ids)


@receiver(declaration_approved, dispatch_uid="fusion.confirm_findings_on_declaration_approved")
def confirm_findings(sender, *, declaration, registration, actor=None, **kwargs):
    from anju.fusion.services import findings_confirm_for_declaration

    findings_confirm_for_declaration(actor=actor, declaration=declaration, registration=registration)


@receiver(declaration_withdrawn, dispatch_uid="fusion.withdraw_answers_on_declaration_withdrawn")
def withdraw_answers(sender, *, declaration, replaced_by=None, actor=None, **kwargs):
    from anju.fusion.services import findings_answer_withdrawn

    findings_answer_withdrawn(actor=actor, declaration=declaration, replaced_by=replaced_by)
