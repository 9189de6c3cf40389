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
    path.write_text("编号,备注,name\n330106199003071236,张三,张三\n", encoding="utf-8")
    with pytest.raises(CommandError) as refused:
        call_command(f"import_{kind}", str(path))
    assert str(refused.value) == (f"{kind}.csv 缺少列 {missing}（现有列：编号, 备注, name） / "
                                  f"{kind}.csv lacks the columns {missing} (found: 编号, 备注, name)")
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


def test_chinese_headings_are_read_as_the_contracts_columns_and_the_report_says_which(tmp_path, capsys):
    number = valid_id(seq="111")
    path = tmp_path / "population.csv"
    path.write_text(f"公民身份号码,姓名,性别,出生日期,民族,户籍地址,备注\n{number},王芳,女,{number[6:10]}-{number[10:12]}-"
                    f"{number[12:14]},汉,浙江省杭州市,无\n", encoding="utf-8")
    call_command("import_population", str(path))
    err = capsys.readouterr().err
    record = RegistryRecord.objects.get()
    assert (record.name, record.sex, record.ethnicity) == ("王芳", "2", "01")
    assert record.extra == {"备注": "无"}  # a heading that names no column is kept as it was, as any unknown column
    assert ("population.csv 按中文列名读取的列：公民身份号码 → id_number, 姓名 → name, 性别 → sex, 出生日期 → birth_date, "
            "民族 → ethnicity, 户籍地址 → hukou_address") in err


def test_a_title_above_an_excel_header_is_passed_over_and_lines_keep_their_sheet_numbers(tmp_path, capsys):
    book = Workbook()
    sheet = book.active
    sheet.append(["西湖区文新派出所 居住登记台账"])
    sheet.append([None])
    sheet.append(["登记编号", "公民身份号码", "姓名", "地址", "登记日期", "状态"])
    sheet.append(["R-1", valid_id(seq="111"), "王芳", "某地", datetime.date(2025, 1, 1), "active"])
    sheet.append([None, valid_id(seq="113"), "李娜", "某地", datetime.date(2025, 1, 1), "active"])  # no number
    path = tmp_path / "registrations.xlsx"
    book.save(path)
    call_command("import_registrations", str(path))
    err = capsys.readouterr().err
    assert Registration.objects.get(number="R-1").name == "王芳"
    assert "registrations.xlsx：表头在第 3 行，其上各行视为标题，已跳过" in err
    assert "the header row is row 3; the rows above it were read as a title and skipped" in err
    assert "registrations.xlsx:5:" in err  # the second row after the header, as the sheet numbers it


@pytest.mark.parametrize("workers", [0, 2])
@pytest.mark.parametrize("quoted", [False, True])
def test_a_title_line_above_a_csv_header_is_passed_over_by_the_observations_import(workers, quoted, tmp_path):
    from anju.fusion.imports import observations_import

    title = '"某单位 从业人员登记表"' if quoted else "某单位 从业人员登记表"
    rows = [title, "", "数据来源,记录编号,记录时间,姓名,身份证号码",
            f"employment,E-1,2026-01-05,王芳,{valid_id(seq='111')}", "employment,E-2,2026-01-06,李娜,"]
    path = tmp_path / "employment.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    report = observations_import(path=path, workers=workers)
    assert report.created == 2 and not report.errors
    assert sorted(Observation.objects.values_list("record_id", flat=True)) == ["E-1", "E-2"]
    assert any("表头在第 3 行" in note for note in report.notes)
    path.write_text("\n".join(rows + ["employment,E-3,not a time,赵六,"]) + "\n", encoding="utf-8")
    report = observations_import(path=path, workers=workers)
    assert [line for _name, line, _reason in report.errors] == [6] and report.unchanged == 2


def test_a_utf8_file_with_a_gbk_line_is_read_and_the_report_names_the_line(tmp_path, capsys):
    path = tmp_path / "population.csv"
    first, second = valid_id(seq="111"), valid_id(seq="113")
    path.write_bytes(f"id_number,name\n{first},王芳\n".encode("utf-8") + f"{second},李娜\n".encode("gbk"))
    call_command("import_population", str(path))
    err = capsys.readouterr().err
    assert sorted(RegistryRecord.objects.values_list("name", flat=True)) == ["李娜", "王芳"]
    assert "population.csv 为 UTF-8 编码，但有 1 行为 GBK/GB18030，已按其读取（第 3 行），请核对" in err
    assert "population.csv is UTF-8 but 1 lines are GBK/GB18030 and were read as such (lines 3): check them" in err


def test_a_file_neither_utf8_nor_gbk_is_refused_with_its_line(tmp_path):
    path = tmp_path / "population.csv"
    path.write_bytes(b"id_number,name\n330106199003071236,\x81\x20\n")
    with pytest.raises(CommandError) as refused:
        call_command("import_population", str(path))
    assert "(line 2, byte" in str(refused.value) and not RegistryRecord.objects.exists()
