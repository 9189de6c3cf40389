"""An entry typed by hand keeps its name as the import keeps it (lib.names.tidy): a full-width space or another middle
dot is not a second written form of the same wanted person."""
from anju.lib.identity import check_digit
from anju.watchlist.models import WatchEntry
from anju.watchlist.services import watch_entry_save


def number(seq="135"):
    body = f"34240119850412{seq}"
    return body + check_digit(body)


def test_an_entry_typed_with_a_full_width_space_or_another_dot_is_kept_as_imported(officer_a):
    watch_entry_save(actor=officer_a, watch_id="W-1", id_number=number("135"), name="王　明")
    watch_entry_save(actor=officer_a, watch_id="W-2", id_number=number("246"), name="阿依古丽‧买买提")
    assert dict(WatchEntry.objects.values_list("watch_id", "name")) == {"W-1": "王明", "W-2": "阿依古丽·买买提"}
