"""The ways records get names, numbers and addresses wrong."""
import random

from anju.lib.identity import convert_15_to_18, is_valid_id_number
from anju.simulation import ids, names
from anju.simulation.params import AddressNoise, Params
from anju.simulation.places import District, render, zh_number

NUMBER = "33010619900307123" + "4"


def rng():
    return random.Random("test")


def test_every_name_character_has_pinyin_and_a_traditional_form():
    for table in names._COMMON.values():
        for given, _w in table:
            assert all(ch in names.CHARS for ch in given), given
    for pools in (names._POOL, names._FIRST, names._SECOND):
        for pool in pools.values():
            assert all(ch in names.CHARS for ch in pool), pool
    assert all(all(ch in names.CHARS for ch in s) for s, _w in names.SURNAMES)


def test_homophones_sound_the_same_and_traditional_forms_differ():
    r = rng()
    for name in ("张伟", "王芳", "徐静", "欧阳娜娜"):
        bad = names.homophone(name, r)
        assert bad != name and len(bad) == len(name)
        assert [names.CHARS[c][0] for c in bad] == [names.CHARS[c][0] for c in name]
    assert names.traditional("张伟") == "張偉" and names.traditional("刘丽华") == "劉麗華"
    assert names.surname_length("欧阳娜娜") == 2


def test_pinyin_spellings_are_the_forms_records_use():
    spellings = {names.pinyin("张伟", random.Random(i)) for i in range(60)}
    assert spellings == {"ZHANG WEI", "Zhang Wei", "zhangwei", "Wei Zhang"}
    assert names.pinyin("欧阳娜娜", random.Random(1)).replace(" ", "").lower() == "ouyangnana"


def test_dropped_character_needs_two_given_characters():
    assert names.dropped("张伟", rng()) is None
    assert names.dropped("张小明", rng()) in ("张明", "张小")


def test_name_maker_draws_common_names_often():
    maker = names.NameMaker(random.Random(3))
    drawn = [maker.full("2", 1980) for _ in range(5000)]
    assert max(drawn.count(n) for n in set(drawn)) > 10
    assert len(set(drawn)) > 1000


def test_id_noise_breaks_or_transforms_numbers_as_expected():
    number = NUMBER[:17] + ids.check_digit(NUMBER[:17])
    r = rng()
    assert not is_valid_id_number(ids.id_digit(number, r))
    swapped = ids.id_transpose(number, r)
    assert sorted(swapped) == sorted(number) and swapped != number
    legacy = ids.id_legacy15(number)
    assert len(legacy) == 15 and convert_15_to_18(legacy) == number
    assert ids.id_legacy15("330106200103071238") is None  # no 15-digit numbers for people born after 1999


def test_generated_numbers_use_real_county_codes_valid_at_issue():
    maker = ids.IdMaker(rng())
    import datetime

    for prov in ("34", "41", "65", "33"):
        for year in (1960, 1995, 2015):
            region = random.Random(prov).choice(ids.counties_in(prov, year))
            number = maker.number(region, datetime.date(year, 6, 1), "2")
            assert is_valid_id_number(number) and int(number[16]) % 2 == 0


def test_chinese_numerals():
    assert [zh_number(n) for n in (3, 10, 12, 40, 105, 588, 600)] == \
        ["三", "十", "十二", "四十", "一百零五", "五百八十八", "六百"]


def test_address_variants():
    district = District(random.Random(1), 300)
    flat = district.add_compound(district.grids[0], 40, 0.5)[5]
    text, tags = render(flat, rng(), AddressNoise(), standard=True)
    assert text == flat.full() and tags == ""
    texts = {render(flat, random.Random(i), AddressNoise(), standard=False)[0] for i in range(300)}
    assert any("栋" in t or "号楼" in t or "座" in t for t in texts)
    assert any(t.count("-") == 2 for t in texts)
    assert any(not t.startswith("浙江") for t in texts)
    assert any("单元" in t and "室" in t and "二" in t or "三" in t for t in texts)
    room_missing, tags = render(flat, rng(), AddressNoise(), standard=True, room_missing=True)
    assert room_missing.endswith("单元") and "no_room" in tags


def test_parameters_can_be_overridden_and_typos_are_refused():
    p = Params.from_overrides({"sources": {"door": {"id_missing": 0.5}}, "window_days": 180})
    assert p.sources["door"].id_missing == 0.5 and p.window_days == 180
    for bad in ({"sources": {"door": {"id_mising": 0.5}}}, {"no_such": 1}, {"local_share": 1.5},
                {"sources": {"fax": {}}}, {"window_days": "long"}):
        try:
            Params.from_overrides(bad)
        except ValueError:
            continue
        raise AssertionError(f"accepted {bad}")


def test_pure_modules_do_not_import_django():
    import ast
    import pathlib

    for path in pathlib.Path(names.__file__).parent.glob("*.py"):
        if path.name in ("apps.py", "__init__.py"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = [n.module if isinstance(n, ast.ImportFrom) else a.name
                    for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))
                    for a in (n.names if isinstance(n, ast.Import) else [n])]
        assert not any(m and m.split(".")[0] == "django" for m in imported), path
