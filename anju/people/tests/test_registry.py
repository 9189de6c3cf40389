"""`anju import population FILE` loads the identity registry; declared identities are checked against it."""
from anju.lib.identity import parse_id_number
from anju.people.models import RegistryRecord
from anju.people.registry import population_import, registry_check
from conftest import valid_id


def write(tmp_path, text):
    path = tmp_path / "population.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_rows_load_bad_ones_are_reported_and_twice_changes_nothing(db, tmp_path):
    good, other = valid_id(seq="111"), valid_id(seq="222")
    text = ("id_number,name,sex,birth_date,ethnicity,hukou_address\n"
            f"{good},张三,男,1990-03-07,汉,安徽省六安市\n"
            f"{good[:-1]}{'0' if good[-1] != '0' else '1'},李四,1,1990-03-07,01,\n"
            f"{other},王芳,F,1990-03-07,汉族,\n")
    report = population_import(path=write(tmp_path, text))
    assert report.created == 2 and len(report.errors) == 1 and report.errors[0][1] == 3
    assert "校验码" in report.errors[0][2]
    assert RegistryRecord.objects.get(name="张三").ethnicity == "01"
    again = population_import(path=write(tmp_path, text))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


def test_registry_check_reports_match_mismatch_unknown_and_absence(db, tmp_path):
    number = valid_id(seq="111")
    assert registry_check(parsed_id=parse_id_number(number), name="张三").status == "no_registry"
    population_import(path=write(tmp_path, f"id_number,name\n{number},张三\n"))
    assert registry_check(parsed_id=parse_id_number(number), name="张三").status == "match"
    verdict = registry_check(parsed_id=parse_id_number(number), name="张叁")
    assert verdict.status == "mismatch" and verdict.differences == ("name",)
    assert registry_check(parsed_id=parse_id_number(valid_id(seq="333")), name="x").status == "unknown"
