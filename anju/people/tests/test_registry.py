"""`anju import population FILE` loads the identity registry; declared identities are checked against it."""
from anju.core import crypto
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


def test_dates_sexes_and_ethnicities_are_read_as_departments_write_them(db, tmp_path):
    rows = [("111", "1990/3/7", "未知", "汉族"), ("222", "19900307", "0", "1"), ("333", "1990年3月7日", "9", "维吾尔族"),
            ("444", "1990-3-7", "女", "穿青人")]
    text = "id_number,name,sex,birth_date,ethnicity\n" + "".join(
        f"{valid_id(seq=seq)},张{seq},{sex},{birth},{ethnicity}\n" for seq, birth, sex, ethnicity in rows)
    report = population_import(path=write(tmp_path, text))
    assert report.created == 4 and not report.errors
    stored = {r.name: r for r in RegistryRecord.objects.all()}
    assert {r.birth_date.isoformat() for r in stored.values()} == {"1990-03-07"}
    # 未知 (0) and 未说明 (9) state no sex: the ID number's (its 17th digit) is kept, not a code that reads as a third
    assert [stored[f"张{seq}"].sex for seq in ("111", "222", "333", "444")] == ["1", "2", "1", "2"]
    assert [stored[f"张{seq}"].ethnicity for seq in ("111", "222", "333", "444")] == ["01", "01", "05", ""]
    assert stored["张444"].extra == {"ethnicity": "穿青人"}  # outside GB 3304: kept as written, not dropped


def test_a_registry_record_of_unknown_sex_or_with_a_padded_name_matches_the_person_who_declares(db, tmp_path):
    """Lists pad two-character names with a full-width space (王　明) and write a minority name's dot several ways;
    a sex cell may say 未知. None of these is a difference from the person who declares."""
    man, woman = valid_id(seq="111"), valid_id(seq="222")
    population_import(path=write(tmp_path, f"id_number,name,sex\n{man},王\u3000明,未知\n{woman},阿依古丽•买买提,0\n"))
    assert RegistryRecord.objects.get(id_hash=crypto.blind_index(man)).name == "王明"
    assert registry_check(parsed_id=parse_id_number(man), name="王明", sex="1").status == "match"
    assert registry_check(parsed_id=parse_id_number(woman), name="阿依古丽·买买提", sex="2").status == "match"


def test_a_birth_date_that_reads_two_ways_is_reported_in_both_languages(db, tmp_path):
    report = population_import(path=write(tmp_path, f"id_number,name,birth_date\n{valid_id()},张三,07/03/1990\n"))
    assert report.created == 0
    assert report.errors[0][2] == ("出生日期 07/03/1990 不是 YYYY-MM-DD 格式 / "
                                   "birth_date 07/03/1990 is not a YYYY-MM-DD date")


def test_a_name_written_otherwise_matches_the_registry_and_the_verdict_says_how(db, tmp_path):
    """The same name in traditional characters, padded or with another dot as an older load kept it, or spelt in
    pinyin by the registry, is the person's name: a match, with how it matched where the officer should know."""
    chen, wang, ayiguli = valid_id(seq="111"), valid_id(seq="222"), valid_id(seq="333")
    population_import(path=write(tmp_path, f"id_number,name\n{chen},陳明\n{ayiguli},Ayiguli Maimaiti\n"))
    # loaded before imports tidied names: kept as the list padded it
    RegistryRecord.objects.create(id_hash=crypto.blind_index(wang), id_cipher=crypto.encrypt(wang), name="王\u3000明")
    verdict = registry_check(parsed_id=parse_id_number(chen), name="陈明")
    assert (verdict.status, verdict.differences, verdict.name.kind) == ("match", (), "traditional")
    assert verdict.name_noted and verdict.registry["name"] == "陳明" and "繁" in verdict.name.zh
    verdict = registry_check(parsed_id=parse_id_number(wang), name=" 王明")
    assert (verdict.status, verdict.name.kind, verdict.name_noted) == ("match", "same", False)
    for written in ("阿依古丽·买买提", "阿依古丽•买买提", "阿依古丽．买买提"):
        verdict = registry_check(parsed_id=parse_id_number(ayiguli), name=written)
        assert (verdict.status, verdict.name.kind) == ("match", "pinyin"), written


def test_another_character_of_the_same_sound_is_a_mismatch_named_as_a_homophone(db, tmp_path):
    """汪明 is not 王明, however alike they sound: the officer must see it, as a homophone; another name is different."""
    number = valid_id(seq="111")
    population_import(path=write(tmp_path, f"id_number,name\n{number},王明\n"))
    verdict = registry_check(parsed_id=parse_id_number(number), name="汪明")
    assert (verdict.status, verdict.differences, verdict.name.kind) == ("mismatch", ("name",), "homophone")
    assert verdict.registry["name"] == "王明"
    verdict = registry_check(parsed_id=parse_id_number(number), name="李明")
    assert (verdict.status, verdict.name.kind) == ("mismatch", "different")
