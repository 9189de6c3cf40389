"""Signals other apps listen to without registrations importing them (doors cancels cards on deregistration)."""
from django.dispatch import Signal

# Sent inside the transaction that ends a registration (deregistration, or closed by a move), with
# `registration` and `actor`; receivers write in the same transaction, so both happen or neither does.
registration_ended = Signal()
