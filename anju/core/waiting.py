"""What waits for a staff user in their jurisdiction, on the home page: one count per kind of work with a link to its
list. The apps above core register a function here in their AppConfig.ready (core imports none of them); the function
counts through its own selectors, scoped to the reader, in one COUNT query, and returns a `Waiting`, or None where the
reader's role does not read that area (`user.may_read`) or has nothing of the kind to do."""
from dataclasses import dataclass


@dataclass(frozen=True)
class Waiting:
    key: str  # the element id of the count on the page
    label: str
    count: int
    url: str


_counters: list = []


def waiting_counter(counter):
    """Registers ``counter(*, user) -> Waiting | None``; the home page shows them in the order registered."""
    if counter not in _counters:
        _counters.append(counter)
    return counter


def waiting_for(*, user) -> list[Waiting]:
    counts = (counter(user=user) for counter in _counters)
    return [waiting for waiting in counts if waiting is not None]
