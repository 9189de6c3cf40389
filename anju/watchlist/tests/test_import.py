"""`anju import watchlist FILE` reads dates, sexes and names as departments write them."""
from datetime import date

import pytest
from django.utils import timezone

from anju.lib.identity import check_digit
from anju.watchlist.models import WatchEntry
from anju.watchlist.services import watch_index, watchlist_import

pytestmark = pytest.mark.django_db(transaction=True)
HEADER = "watch_id,id_number,name,sex,birth_date,reason\n"


def number(seq="135", birth="19850412"):
    body = f"342401{birth}{seq}"
    return body + check_digit(body)


def load(tmp_path, rows):
    path = tmp_path / "watchlist.csv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return watchlist_import(path=path)


def test_birth_dates_as_departments_write_them_are_read(tmp_path):
    report = load(tmp_path, [f"W-{i},,张伟{i},男,{birth},x\n"
                             for i, birth in enumerate(("1985/4/12", "19850412", "1985年4月12日", "1985-4-12"))])
    assert report.created == 4 and not report.errors
    assert set(WatchEntry.objects.values_list("birth_date", flat=True)) == {date(1985, 4, 12)}


def test_a_date_that_is_not_one_is_reported_in_both_languages(tmp_path):
    report = load(tmp_path, ["W-1,,张伟,男,12/04/1985,x\n"])
    assert report.created == 0
    assert report.errors[0][2] == ("birth_date 12/04/1985 不是日期（YYYY-MM-DD） / "
                                   "birth_date 12/04/1985 is not a date (YYYY-MM-DD)")


def test_an_entry_of_unknown_sex_still_catches_its_person_under_another_number(tmp_path):
    """未知 (0) or 未说明 (9) in the file: the entry takes the sex its ID number gives. Stored as 0, it met no record by
    name, birth date and sex, so a wanted man checking in under another number went unseen."""
    load(tmp_path, [f"W-1,{number('135')},张伟,未知,1985-04-12,x\n", f"W-2,{number('246')},李娜,9,,x\n"])
    assert dict(WatchEntry.objects.values_list("watch_id", "sex")) == {"W-1": "1", "W-2": "2"}
    found = watch_index().match(id_number=number("357"), name="张伟", sex="1", birth_date=date(1985, 4, 12),
                                today=timezone.localdate())
    assert [h.entry.key for h in found] == ["W-1"]


def test_a_name_padded_or_with_another_middle_dot_is_kept_as_officers_type_it(tmp_path):
    load(tmp_path, [f"W-1,{number('135')},王\u3000明,男,,x\n", f"W-2,{number('246')},阿依古丽．买买提,女,,x\n"])
    assert dict(WatchEntry.objects.values_list("watch_id", "name")) == {"W-1": "王明", "W-2": "阿依古丽·买买提"}


def test_columns_the_contract_does_not_name_are_kept_and_twice_changes_nothing(tmp_path):
    path = tmp_path / "watchlist.csv"
    path.write_text("wanted_level,watch_id,id_number,name,案件编号\n"
                    f"A级,W-1,{number('135')},张伟,A3301062026110001\n", encoding="utf-8")
    assert watchlist_import(path=path).created == 1
    assert WatchEntry.objects.get().extra == {"wanted_level": "A级", "案件编号": "A3301062026110001"}
    again = watchlist_import(path=path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
