"""`anju import addresses FILE`: the interchange file on a fresh database, bad rows reported, twice = once."""
import pytest
from django.core.management import call_command
from openpyxl import Workbook

from anju.addresses.models import StandardAddress
from anju.addresses.services import addresses_import
from anju.core.tabular import TabularError
from anju.jurisdictions.models import Node

HEADER = ("address_code,full_address,province,city,district,street,community,road,house_number,building,unit,room,"
          "police_station,grid")
ROWS = [
    "A001,浙江省杭州市西湖区文一西路100号1幢1单元101室,浙江省,杭州市,西湖区,文新街道,文华社区,文一西路,100号,1幢,1单元,101室,文新派出所,文华社区第1网格",
    "A002,浙江省杭州市西湖区文一西路100号1幢1单元102室,浙江省,杭州市,西湖区,文新街道,文华社区,文一西路,100号,1幢,1单元,102室,文新派出所,文华社区第1网格",
    "A003,浙江省杭州市西湖区古墩路8号3幢2单元502室,浙江省,杭州市,西湖区,古荡街道,古荡湾社区,古墩路,8号,3幢,2单元,502室,古荡派出所,古荡湾社区第2网格",
]


def write(tmp_path, lines, name="addresses.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def test_a_fresh_database_gets_the_tree_from_the_file(db, tmp_path):
    report = addresses_import(path=write(tmp_path, [HEADER, *ROWS]))
    assert report.created == 3 and not report.errors
    district = Node.objects.get(code="330106")
    assert district.name == "西湖区" and district.parent.code == "330100"
    grid = StandardAddress.objects.get(code="A003").jurisdiction
    assert grid.level == "grid" and grid.name == "古荡湾社区第2网格"
    assert grid.parent.parent.name == "古荡派出所"


def test_loading_the_same_file_twice_changes_nothing(db, tmp_path):
    path = write(tmp_path, [HEADER, *ROWS])
    addresses_import(path=path)
    nodes = Node.objects.count()
    report = addresses_import(path=path)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 3)
    assert Node.objects.count() == nodes


def test_bad_rows_are_reported_by_file_and_line_and_the_rest_loads(db, tmp_path):
    lines = [HEADER, ROWS[0], ",没有编码的地址,浙江省,杭州市,西湖区,,,,,,,,,", "A009,,浙江省,杭州市,西湖区,,,,,,,,,",
             ROWS[0].replace("A001", "A001", 1), ROWS[1]]
    report = addresses_import(path=write(tmp_path, lines))
    assert report.created == 2
    assert [(f, line) for f, line, _ in report.errors] == [("addresses.csv", 3), ("addresses.csv", 4), ("addresses.csv", 5)]
    assert "address_code" in report.errors[0][2] and "full_address" in report.errors[1][2]
    assert "A001" in report.errors[2][2]


def test_unknown_columns_are_kept_and_columns_may_come_in_any_order(db, tmp_path):
    columns = HEADER.split(",")
    reordered = list(reversed(columns)) + ["building_age"]
    values = ROWS[0].split(",")
    row = list(reversed(values)) + ["1998"]
    addresses_import(path=write(tmp_path, [",".join(reordered), ",".join(row)]))
    address = StandardAddress.objects.get(code="A001")
    assert address.road == "文一西路" and address.extra == {"building_age": "1998"}


def test_a_gbk_file_is_detected_and_read(db, tmp_path):
    report = addresses_import(path=write(tmp_path, [HEADER, *ROWS], encoding="gbk"))
    assert report.created == 3


def test_an_xlsx_file_with_the_same_columns_is_accepted(db, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.split(","))
    for row in ROWS:
        sheet.append(row.split(","))
    path = tmp_path / "addresses.xlsx"
    book.save(path)
    assert addresses_import(path=path).created == 3


@pytest.mark.parametrize("content, message", [
    ("", "空文件"), ("code,name\n1,2\n", "address_code"),
])
def test_unusable_files_are_refused_with_a_clear_message(db, tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_text(content)
    with pytest.raises(TabularError, match=message):
        addresses_import(path=path)


def test_full_width_digits_and_letters_are_kept_half_width_and_one_grid_stays_one(db, tmp_path):
    """An input method in its full-width mode types ２１号 and 第１网格: kept as typed, the library held addresses staff
    entry cannot write and the tree a second grid 甲一社区第１网格 beside 第1网格, whose officers saw half of it."""
    full = ROWS[0].replace("100号1幢1单元101室", "１００号Ａ座1单元１０１室").replace("第1网格", "第１网格")
    full = full.replace("A001,", "Ａ001,", 1).replace(",100号,1幢,1单元,101室,", ",１００号,Ａ座,1单元,１０１室,")
    report = addresses_import(path=write(tmp_path, [HEADER, ROWS[1], full]))
    assert report.created == 2 and not report.errors
    address = StandardAddress.objects.get(code="Ａ001")  # a code is kept exactly as given
    assert address.full_address == "浙江省杭州市西湖区文一西路100号A座1单元101室"
    assert (address.house_number, address.building, address.room) == ("100号", "A座", "101室")
    assert Node.objects.filter(level="grid").count() == 1
    assert address.jurisdiction == StandardAddress.objects.get(code="A002").jurisdiction


def test_command_prints_counts(db, tmp_path, capsys):
    call_command("import_addresses", str(write(tmp_path, [HEADER, *ROWS])))
    assert "created 3" in capsys.readouterr().out


def test_search_by_any_fragment_is_scoped(db, tmp_path):
    from anju.accounts.services import user_create
    from anju.addresses.selectors import address_search

    addresses_import(path=write(tmp_path, [HEADER, *ROWS]))
    officer = user_create(username="wx", role="officer", jurisdiction=Node.objects.get(name="文新派出所"),
                          password="x-123456789")
    assert [a.code for a in address_search(user=officer, q="文一西路 102")] == ["A002"]
    assert list(address_search(user=officer, q="古墩路")) == []
    assert [a.code for a in address_search(q="古墩路 502", public=True)] == ["A003"]


def test_a_row_that_cannot_be_placed_in_the_tree_is_reported(db, tmp_path):
    report = addresses_import(path=write(tmp_path, [HEADER, "A010,某路1号,,,,,,某路,1号,,,,不存在的派出所,"]))
    assert report.created == 0 and "派出所" in report.errors[0][2]


def test_long_values_are_clipped_to_their_columns_and_long_codes_refused(db, tmp_path):
    long_number = "第" + "1" * 40 + "号"
    report = addresses_import(path=write(tmp_path, [
        HEADER, f"A020,某地址,浙江省,杭州市,西湖区,,,某路,{long_number},,,,文新派出所,文华社区第1网格",
        f"{'X' * 70},某地址,浙江省,杭州市,西湖区,,,,,,,,,"]))
    assert report.created == 1 and "64" in report.errors[0][2]
    assert len(StandardAddress.objects.get(code="A020").house_number) == 20


def test_components_left_empty_are_read_from_the_full_address(db, tmp_path):
    # "an empty cell means unknown": a library that leaves the unit (and street) empty for some rows still says
    # them in full_address; without them the two 201室 of building 5 would be one and neither could be placed
    lines = [HEADER,
             "B1,浙江省杭州市西湖区文新街道龙井路53号5幢1单元201室,浙江省,杭州市,西湖区,,文华社区,龙井路,53号,5幢,,201室,文新派出所,",
             "B2,浙江省杭州市西湖区文新街道龙井路53号5幢2单元201室,浙江省,杭州市,西湖区,文新街道,文华社区,龙井路,53号,5幢,,201室,文新派出所,",
             "B3,浙江省杭州市西湖区文新街道龙井路55号301室,浙江省,杭州市,西湖区,文新街道,文华社区,龙井路,55号,,,301室,文新派出所,"]
    report = addresses_import(path=write(tmp_path, lines))
    assert report.created == 3 and not report.errors
    got = {a.code: (a.street, a.building, a.unit, a.room) for a in StandardAddress.objects.all()}
    assert got == {"B1": ("文新街道", "5幢", "1单元", "201室"), "B2": ("文新街道", "5幢", "2单元", "201室"),
                   "B3": ("文新街道", "", "", "301室")}  # a village house has no building or unit: none is made up
    from anju.addresses.matching import match_address

    assert match_address("西湖区龙井路53号5幢2单元201室").code == "B2"
