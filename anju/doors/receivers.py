"""Doors listens to registrations (which must not import doors): a registration that ends cancels its cards, one
at a time (a service ended it) or in bulk (an import cancelled a batch); registrations an import lists as active
again get back the cards their cancellation stopped; registrations an import moved to another address lose the cards of
the house they left."""
from django.dispatch import receiver

from anju.registrations.signals import (
    registration_ended, registrations_ended, registrations_moved, registrations_reactivated,
)


@receiver(registration_ended, dispatch_uid="doors.cancel_cards_on_deregistration")
def cancel_cards(sender, *, registration, actor=None, **kwargs):
    from anju.doors.services import credentials_cancel_for_registration

    credentials_cancel_for_registration(registration=registration, actor=actor)


@receiver(registrations_ended, dispatch_uid="doors.cancel_cards_on_registrations_end")
def cancel_cards_in_bulk(sender, *, registration_ids, actor=None, **kwargs):
    from anju.doors.services import credentials_cancel_for_registrations

    credentials_cancel_for_registrations(registration_ids=registration_ids, actor=actor)


@receiver(registrations_reactivated, dispatch_uid="doors.restore_cards_on_registrations_reactivated")
def restore_cards_in_bulk(sender, *, registration_ids, actor=None, **kwargs):
    from anju.doors.services import credentials_restore_for_registrations

    credentials_restore_for_registrations(registration_ids=registration_ids, actor=actor)


@receiver(registrations_moved, dispatch_uid="doors.cancel_cards_of_the_house_left")
def cancel_cards_elsewhere(sender, *, registration_ids, actor=None, **kwargs):
    from anju.doors.services import credentials_cancel_elsewhere

    credentials_cancel_elsewhere(registration_ids=registration_ids, actor=actor)
