"""Doors listens to registrations (which must not import doors): a registration that ends cancels its cards."""
from django.dispatch import receiver

from anju.registrations.signals import registration_ended


@receiver(registration_ended, dispatch_uid="doors.cancel_cards_on_deregistration")
def cancel_cards(sender, *, registration, actor=None, **kwargs):
    from anju.doors.services import credentials_cancel_for_registration

    credentials_cancel_for_registration(registration=registration, actor=actor)
