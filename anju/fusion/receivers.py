"""Fusion listens to registrations (which must not import fusion): a registration that ends resolves the open
findings about it."""
from django.dispatch import receiver

from anju.registrations.signals import registration_ended


@receiver(registration_ended, dispatch_uid="fusion.resolve_findings_on_registration_end")
def resolve_findings(sender, *, registration, actor=None, **kwargs):
    from anju.fusion.services import findings_resolve_for_registration

    findings_resolve_for_registration(actor=actor, registration=registration)
