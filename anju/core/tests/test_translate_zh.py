"""`make messages` fills the Chinese catalogue (anju/locale/translate_zh.py) and fails on an untranslated string."""
import importlib.util
from pathlib import Path

import polib
import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "locale" / "translate_zh.py"


@pytest.fixture(scope="module")
def translate_zh():
    spec = importlib.util.spec_from_file_location("anju_translate_zh", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _catalogue(tmp_path, *entries) -> Path:
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for entry in entries:
        po.append(entry)
    path = tmp_path / "django.po"
    po.save(str(path))
    return path


def test_obsolete_entries_are_not_reported_as_untranslated(translate_zh, tmp_path, capsys):
    path = _catalogue(tmp_path, polib.POEntry(msgid="Search"),
                      polib.POEntry(msgid="A string the code no longer has", msgstr="旧译文", obsolete=True))
    assert translate_zh.main(path) == 0
    err = capsys.readouterr().err
    assert "untranslated" not in err and "1 obsolete entries (#~)" in err
    po = polib.pofile(str(path))
    assert po.find("Search").msgstr == "搜索"
    assert [e.msgstr for e in po.obsolete_entries()] == ["旧译文"]


def test_a_string_without_chinese_is_still_reported(translate_zh, tmp_path, capsys):
    path = _catalogue(tmp_path, polib.POEntry(msgid="A string nobody translated"))
    assert translate_zh.main(path) == 1
    assert "untranslated: 'A string nobody translated'" in capsys.readouterr().err


def test_a_fuzzy_guess_is_replaced_without_leaving_the_previous_msgid(translate_zh, tmp_path):
    path = _catalogue(tmp_path, polib.POEntry(msgid="Search", msgstr="搜索一下", flags=["fuzzy"],
                                              previous_msgid="Search here"))
    translate_zh.main(path)
    text = path.read_text()
    assert "#|" not in text and "fuzzy" not in text and 'msgstr "搜索"' in text


def test_every_chinese_translation_is_for_a_string_the_code_has(translate_zh):
    """A string dropped from the code takes its Chinese with it, so the table holds nothing dead (the shipped
    catalogue is what `make messages` made from the code; a plain msgid also serves its entries with a context)."""
    po = polib.pofile(str(SCRIPT.parent / "zh_Hans" / "LC_MESSAGES" / "django.po"))
    live = {e.msgid for e in po if not e.obsolete} | {f"{e.msgctxt}\x04{e.msgid}" for e in po if e.msgctxt}
    dead = sorted(key for key in translate_zh.ZH if key not in live)
    assert not dead, f"Chinese for strings the code no longer has; remove them from anju/locale: {dead}"
