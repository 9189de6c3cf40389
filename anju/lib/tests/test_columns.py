"""A department's column headings read as the interchange contract's columns (lib/columns.py)."""
import pytest

from anju.lib.columns import canonical, header


@pytest.mark.parametrize("heading, column", [
    ("姓名", "name"), ("公民身份号码", "id_number"), (" 身份证号码 ", "id_number"), ("联系电话", "phone"),
    ("标准地址编码 (address_code)", "address_code"), ("标准地址编码（address_code）", "address_code"),
    ("ID_Number", "id_number"), ("\ufeffrecord_id", "record_id"), ("出 生 日 期", "birth_date"),
    ("备注", "备注"), ("Remarks", "remarks"),
])
def test_a_heading_is_read_as_the_contracts_column_or_kept_as_it_is(heading, column):
    assert canonical(heading) == column


def test_the_contracts_own_name_wins_over_a_chinese_heading_in_the_same_row():
    columns, renamed = header(["姓名", "name", "身份证号", "公民身份号码"])
    assert columns == ["姓名", "name", "id_number", "公民身份号码"]  # the second heading meaning id_number stays extra
    assert renamed == [("身份证号", "id_number")]
