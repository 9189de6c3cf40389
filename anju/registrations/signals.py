"""Signals other apps listen to without registrations importing them (doors cancels cards on deregistration, fusion
resolves the findings about a registration that ended)."""
from django.dispatch import Signal

# Sent inside the transaction that ends a registration (deregistration, or closed by a move), with
# `registration` and `actor`; receivers write in the same transaction, so both happen or neither does.
registration_ended = Signal()

# The same for registrations ended in bulk (`anju import registrations` cancelling ones that were active), with
# `registration_ids` and `actor` (None: the system); receivers write in the same transaction, in a number of queries
# that does not grow with the count.
registrations_ended = Signal()
