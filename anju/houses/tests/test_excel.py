"""Houses in and out of Excel: a per-row error report, bad rows leave nothing, export re-imports."""
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from anju.addresses.services import address_upsert
from anju.houses.models import House, Room
from anju.houses.exports import houses_import


def upload(rows, name="houses.xlsx"):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def test_good_rows_load_and_each_bad_row_is_reported_and_leaves_nothing(tree, officer_a):
    for i in range(3):
        address_upsert(code=f"X{i}", full_address=f"文一西路{i}号", jurisdiction=tree["A1C1G1"])
    address_upsert(code="BX", full_address="古墩路1号", jurisdiction=tree["B1C1G1"])
    report = houses_import(actor=officer_a, upload=upload([
        ["address_code", "kind", "capacity", "landlord_phone", "landlord_name", "rooms"],
        ["X0", "群租", "12", "13800001234", "钱房东", "101、102、103"],
        ["X1", "宫殿", "", "", "", ""],                    # unknown kind
        ["X2", "整租", "4", "12345", "", "201"],            # bad phone: the whole row is rolled back
        ["BX", "整租", "", "", "", ""],                     # another station's address
        ["NOPE", "整租", "", "", "", ""],
    ]))
    assert report.created == 1
    assert [line for line, status, _ in report.rows if status == "error"] == [3, 4, 5, 6]
    messages = " ".join(m for _, status, m in report.rows if status == "error")
    assert "宫殿" in messages and "12345" in messages and "BX" in messages and "NOPE" in messages
    house = House.objects.get(standard_address__code="X0")
    assert house.kind == "group" and house.capacity == 12
    assert sorted(Room.objects.filter(house=house).values_list("number", flat=True)) == ["101", "102", "103"]
    assert not House.objects.filter(standard_address__code__in=["X1", "X2", "BX"]).exists()


def test_an_export_can_be_edited_and_imported_again(client, tree, officer_a, people):
    client.force_login(officer_a)
    response = client.get("/staff/houses/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == "标准地址编码 (address_code)" and rows[1][1] == people["house_a"].address
    assert len(rows) == 2  # only station A's house
    rows[1][5] = "301、302"
    report = houses_import(actor=officer_a, upload=upload(rows))
    assert report.created == 1 and not report.errors
    assert set(people["house_a"].rooms.values_list("number", flat=True)) == {"301", "302"}


def test_a_file_that_is_not_excel_gets_a_clear_message(tree, officer_a):
    report = houses_import(actor=officer_a, upload=SimpleUploadedFile("houses.xlsx", b"not a spreadsheet"))
    assert report.errors and "Excel" in report.errors[0][2]
