"""Signals other apps listen to without registrations importing them (doors cancels cards on deregistration and gives
them back when an import re-activates the registration, and cancels those at a house an import moved one from, fusion resolves the findings about a registration that
ended, confirms the finding a declaration it approved answered, and takes back the answer a withdrawn one gave)."""
from django.dispatch import Signal

# Sent inside the transaction that ends a registration (deregistration, or closed by a move), with
# `registration` and `actor`; receivers write in the same transaction, so both happen or neither does.
registration_ended = Signal()

# The same for registrations ended in bulk (`anju import registrations` cancelling ones that were active), with
# `registration_ids` and `actor` (None: the system); receivers write in the same transaction, in a number of queries
# that does not grow with the count.
registrations_ended = Signal()

# Registrations an earlier file cancelled that `anju import registrations` now lists as active again, with
# `registration_ids` and `actor` (None: the system), sent inside the batch's transaction: doors gives back the cards
# that cancellation stopped. A registration ended here by a service is never re-activated, so never sent.
registrations_reactivated = Signal()

# Registrations `anju import registrations` placed at another house, or at an address without one (the file gives them
# another address), with `registration_ids` and `actor` (None: the system), sent inside the batch's transaction: doors
# cancels the cards they hold at the house they left.
registrations_moved = Signal()

# Sent inside declaration_approve's transaction once a declaration is approved, with `declaration`, `registration` (the
# one opened, or for a deregistration the one ended, None if none) and `actor`: fusion confirms the finding whose person
# filed the declaration by answering "yes" to it.
declaration_approved = Signal()

# Sent inside the transaction in which a declarant withdraws a declaration (declaration_withdraw: 撤回; not sent again
# for one already withdrawn) or files it again corrected (declaration_correct: 修改, `replaced_by` the corrected one; also
# for one withdrawn earlier that is filed again), with `declaration`, `replaced_by` (None for a plain withdrawal) and
# `actor`: fusion takes back the "yes" to a finding that the declaration was, or has the corrected one carry it.
declaration_withdrawn = Signal()
