"""The interchange files as departments deliver them (core/tabular.py): what the reader says about a file, in both
languages on the command line and in the reader's alone on the web."""
import datetime

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from anju.addresses.models import StandardAddress
from anju.core.tabular import TabularError, read_rows
from anju.fusion.models import Observation
from anju.lib.bilingual import reader_language
from anju.people.models import RegistryRecord
from anju.registrations.models import Registration
from anju.watchlist.models import WatchEntry
from conftest import valid_id

pytestmark = pytest.mark.django_db

IMPORTS = [("addresses", StandardAddress, "address_code, full_address"),
           ("population", RegistryRecord, "id_number"),
           ("registrations", Registration, "registration_id, id_number"),
           ("observations", Observation, "source, record_id"),
           ("watchlist", WatchEntry, "watch_id")]


@pytest.mark.parametrize("kind, model, missing", IMPORTS)
def test_a_file_without_the_contracts_columns_is_refused_in_both_languages_and_nothing_loads(kind, model, missing,
                                                                                              tmp_path):
    path = tmp_path / f"{kind}.csv"
    path.write_text("身份证号,姓名,name\n330106199003071236,张三,张三\n", encoding="utf-8")
    with pytest.raises(CommandError) as refused:
        call_command(f"import_{kind}", str(path))
    assert str(refused.value) == (f"{kind}.csv 缺少列 {missing}（现有列：身份证号, 姓名, name） / "
                                  f"{kind}.csv lacks the columns {missing} (found: 身份证号, 姓名, name)")
    assert not model.objects.exists()


@pytest.mark.parametrize("language, text", [("en", "empty.csv is empty: a header row is needed"),
                                            ("zh-hans", "empty.csv 是空文件：需要表头行")])
def test_on_the_web_a_file_is_refused_in_the_readers_language_alone(language, text, tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    with reader_language(lambda: language), pytest.raises(TabularError) as refused:
        read_rows(path)
    assert str(refused.value) == text


@pytest.mark.parametrize("kind, header, row", [
    ("population", "id_number,name,sex", [valid_id(seq="111"), "王芳", "女"]),
    ("watchlist", "watch_id,id_number,name", ["W-1", valid_id(seq="111"), "王芳"]),
    ("addresses", "address_code,full_address,province,city,district,police_station",
     ["A1", "浙江省杭州市西湖区古翠路1号", "浙江省", "杭州市", "西湖区", "文新派出所"]),
])
def test_every_import_says_a_gbk_file_was_read_as_gbk(kind, header, row, tmp_path, capsys):
    path = tmp_path / f"{kind}.csv"
    path.write_bytes((header + "\n" + ",".join(row) + "\n").encode("gbk"))
    call_command(f"import_{kind}", str(path))
    err = capsys.readouterr().err
    assert f"{kind}.csv 按 GBK/GB18030 编码读取（非 UTF-8） / {kind}.csv was read as GBK/GB18030, not UTF-8" in err


def test_an_excel_number_of_16_or_more_digits_is_said_once_with_its_column(tmp_path, capsys):
    """Excel keeps 15 significant digits: an 18-digit ID number typed into a number cell arrives with its last
    digits changed. The row is kept, marked, as any wrong number; the report says why so many are wrong."""
    book = Workbook()
    sheet = book.active
    sheet.append(["registration_id", "id_number", "name", "phone", "registered_at", "address"])
    number = valid_id(seq="111")
    for i in range(2):
        sheet.append([f"R-{i}", float(number[:15] + "000"), "王芳", 13800138000, datetime.date(2025, 1, 1), "某地"])
    sheet.append(["R-2", int(number[:6] + number[8:17]), "李娜", 13800138000, datetime.date(2025, 1, 1), "某地"])
    path = tmp_path / "registrations.xlsx"
    book.save(path)
    call_command("import_registrations", str(path))
    err = capsys.readouterr().err
    assert err.count("registrations.xlsx：id_number 列含 16 位以上的数字") == 1
    assert ("registrations.xlsx: column id_number holds numbers of 16 or more digits; Excel keeps only 15, so their "
            "last digits may be wrong: store ID numbers and codes as text") in err
    assert "phone" not in err  # an 11-digit phone and a 15-digit number in a number cell are exact
    assert Registration.objects.get(number="R-2").extra == {"id_legacy": True}
    assert "id_error" in Registration.objects.get(number="R-0").extra
