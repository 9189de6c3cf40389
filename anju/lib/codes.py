"""National code tables (GB/T) for personal data, with Chinese and English names.

Pure Python, no Django: ``CodeTable.choices()`` gives Django-style choices,
``code_for()`` maps what people and spreadsheets type ("汉", "汉族", "01", "1",
"Han", "male", "M") to the code stored in the database.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

__all__ = [
    "CodeTable",
    "SEX",
    "stated_sex",
    "registration_status",
    "ETHNICITY",
    "EDUCATION",
    "MARITAL_STATUS",
    "POLITICAL_STATUS",
    "RELATIONSHIP",
    "TABLES",
    "PROTECTED_ATTRIBUTES",
]

LANGS = ("zh", "en")


def _key(text: str) -> str:
    # NFKC folds full-width letters, digits and brackets; casefold + no spaces
    # make "Female changed to male" and "FEMALE CHANGED TO MALE" the same key.
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


@dataclass(frozen=True)
class CodeTable:
    """One code table: (code, Chinese name, English name) rows in the standard's order."""

    name: str
    standard: str
    entries: tuple[tuple[str, str, str], ...]
    aliases: tuple[tuple[str, str], ...] = ()  # extra spellings accepted by code_for: (text, code)
    suffix: str = ""  # a suffix code_for may omit: "族" lets "汉" find 汉族
    _by_code: dict = field(init=False, repr=False, compare=False, hash=False)
    _by_text: dict = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        by_code = {}
        by_text: dict[str, str] = {}
        for code, zh, en in self.entries:
            if code in by_code:
                raise ValueError(f"{self.name}: duplicate code {code}")
            by_code[code] = (zh, en)
        texts: list[tuple[str, str]] = []
        for code, zh, en in self.entries:
            texts += [(zh, code), (en, code)]
            if self.suffix and zh.endswith(self.suffix) and len(zh) > len(self.suffix):
                texts.append((zh[: -len(self.suffix)], code))
        for text, code in self.aliases:
            if code not in by_code:
                raise ValueError(f"{self.name}: alias {text!r} points to unknown code {code}")
            texts.append((text, code))
        for text, code in texts:
            key = _key(text)
            if by_text.setdefault(key, code) != code:  # refuse to guess between two codes
                raise ValueError(f"{self.name}: {text!r} would mean both {by_text[key]} and {code}")
        object.__setattr__(self, "_by_code", by_code)
        object.__setattr__(self, "_by_text", by_text)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(code for code, _zh, _en in self.entries)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __iter__(self):
        return iter(self.codes)

    def __len__(self) -> int:
        return len(self.entries)

    def choices(self, lang: str = "zh") -> list[tuple[str, str]]:
        """[(code, label), ...] in the standard's order, for Django ``choices``."""
        i = _lang_index(lang)
        return [(entry[0], entry[i]) for entry in self.entries]

    def label(self, code: str, lang: str = "zh", default: str | None = None) -> str | None:
        """The name of ``code`` in ``lang``; ``default`` if the code is not in the table."""
        i = _lang_index(lang)
        names = self._by_code.get(code)
        return default if names is None else names[i - 1]

    def code_for(self, text: object) -> str | None:
        """The code for a code, a Chinese or English name or an alias (case-insensitive); None if unknown.

        Codes that lost their leading zero in a spreadsheet ("1" for "01") are
        found too.
        """
        if text is None:
            return None
        raw = unicodedata.normalize("NFKC", str(text)).strip()
        if not raw:
            return None
        if raw in self._by_code:
            return raw
        if raw.isdigit() and self.entries:
            padded = raw.zfill(len(self.entries[0][0]))
            if padded in self._by_code:
                return padded
        return self._by_text.get(_key(raw))


def _lang_index(lang: str) -> int:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    return 1 if lang == "zh" else 2


# --------------------------------------------------------------------------- GB/T 2261.1-2003

SEX = CodeTable(
    name="sex",
    standard="GB/T 2261.1-2003",
    entries=(
        ("0", "未知的性别", "Not known"),
        ("1", "男", "Male"),
        ("2", "女", "Female"),
        ("5", "女性改（变）为男性", "Female changed to male"),
        ("6", "男性改（变）为女性", "Male changed to female"),
        ("9", "未说明的性别", "Not stated"),
    ),
    aliases=(
        ("M", "1"), ("F", "2"), ("男性", "1"), ("女性", "2"),
        ("man", "1"), ("woman", "2"), ("未知", "0"), ("unknown", "0"),
    ),
)

def stated_sex(text: object) -> str:
    """The GB/T 2261.1 code a sex cell states (男, 1, M, female …); "" where it states none: empty, unrecognised,
    0 (未知的性别, not known) or 9 (未说明的性别, not stated). A caller then takes the sex an ID number gives, instead
    of storing an unknown that reads as a sex differing from every other."""
    code = SEX.code_for(text)
    return "" if code in (None, "0", "9") else code


# Not a national table: the words departments write for a residence registration's status (interchange
# registrations.csv says active or cancelled; Chinese systems write 有效/正常 and 注销).
_REGISTRATION_STATUS = {"active": "active", "有效": "active", "正常": "active",
                        "cancelled": "cancelled", "canceled": "cancelled", "注销": "cancelled", "已注销": "cancelled"}


def registration_status(text: object) -> str | None:
    """"active" or "cancelled" for a status cell (any case, full-width letters too); None for any other word."""
    return _REGISTRATION_STATUS.get(_key(str(text or "")))


# --------------------------------------------------------------------------- GB 3304-1991

ETHNICITY = CodeTable(
    name="ethnicity",
    standard="GB 3304-1991",
    suffix="族",
    entries=(
        ("01", "汉族", "Han"),
        ("02", "蒙古族", "Mongol"),
        ("03", "回族", "Hui"),
        ("04", "藏族", "Zang"),
        ("05", "维吾尔族", "Uygur"),
        ("06", "苗族", "Miao"),
        ("07", "彝族", "Yi"),
        ("08", "壮族", "Zhuang"),
        ("09", "布依族", "Buyei"),
        ("10", "朝鲜族", "Chosen"),
        ("11", "满族", "Man"),
        ("12", "侗族", "Dong"),
        ("13", "瑶族", "Yao"),
        ("14", "白族", "Bai"),
        ("15", "土家族", "Tujia"),
        ("16", "哈尼族", "Hani"),
        ("17", "哈萨克族", "Kazak"),
        ("18", "傣族", "Dai"),
        ("19", "黎族", "Li"),
        ("20", "傈僳族", "Lisu"),
        ("21", "佤族", "Va"),
        ("22", "畲族", "She"),
        ("23", "高山族", "Gaoshan"),
        ("24", "拉祜族", "Lahu"),
        ("25", "水族", "Sui"),
        ("26", "东乡族", "Dongxiang"),
        ("27", "纳西族", "Naxi"),
        ("28", "景颇族", "Jingpo"),
        ("29", "柯尔克孜族", "Kirgiz"),
        ("30", "土族", "Tu"),
        ("31", "达斡尔族", "Daur"),
        ("32", "仫佬族", "Mulao"),
        ("33", "羌族", "Qiang"),
        ("34", "布朗族", "Blang"),
        ("35", "撒拉族", "Salar"),
        ("36", "毛南族", "Maonan"),
        ("37", "仡佬族", "Gelao"),
        ("38", "锡伯族", "Xibe"),
        ("39", "阿昌族", "Achang"),
        ("40", "普米族", "Pumi"),
        ("41", "塔吉克族", "Tajik"),
        ("42", "怒族", "Nu"),
        ("43", "乌孜别克族", "Uzbek"),
        ("44", "俄罗斯族", "Russ"),
        ("45", "鄂温克族", "Ewenki"),
        ("46", "德昂族", "Deang"),
        ("47", "保安族", "Bonan"),
        ("48", "裕固族", "Yugur"),
        ("49", "京族", "Gin"),
        ("50", "塔塔尔族", "Tatar"),
        ("51", "独龙族", "Derung"),
        ("52", "鄂伦春族", "Oroqen"),
        ("53", "赫哲族", "Hezhen"),
        ("54", "门巴族", "Monba"),
        ("55", "珞巴族", "Lhoba"),
        ("56", "基诺族", "Jino"),
        ("97", "其他未识别民族", "Other unidentified ethnic groups"),
        ("98", "外国血统中国籍人士", "Chinese citizens of foreign origin"),
    ),
    # Common English spellings and an older Chinese name (崩龙族, renamed 德昂族 in 1985).
    aliases=(
        ("Mongolian", "02"), ("Tibetan", "04"), ("Uyghur", "05"), ("Uighur", "05"),
        ("Bouyei", "09"), ("Buyi", "09"), ("Korean", "10"), ("Manchu", "11"),
        ("Kazakh", "17"), ("Wa", "21"), ("Shui", "25"), ("Jingpho", "28"),
        ("Kyrgyz", "29"), ("Monguor", "30"), ("Mulam", "32"), ("Bulang", "34"),
        ("Gelo", "37"), ("Xibo", "38"), ("Sibe", "38"), ("Russian", "44"),
        ("Evenk", "45"), ("Evenki", "45"), ("De'ang", "46"), ("Bao'an", "47"),
        ("Baoan", "47"), ("Yughur", "48"), ("Jing", "49"), ("Dulong", "51"),
        ("Drung", "51"), ("Orogen", "52"), ("Nanai", "53"), ("Menba", "54"),
        ("Monpa", "54"), ("Luoba", "55"), ("Jinuo", "56"), ("崩龙族", "46"), ("崩龙", "46"),
        ("其他", "97"), ("Other", "97"),
    ),
)

# --------------------------------------------------------------------------- GB/T 4658-2006
# 毕业 graduated; 结业 completed the courses without graduating (certificate of
# completion); 肄业 attended at least a year without completing.

EDUCATION = CodeTable(
    name="education",
    standard="GB/T 4658-2006",
    entries=(
        ("10", "研究生教育", "Postgraduate education"),
        ("11", "博士研究生毕业", "Doctoral programme, graduated"),
        ("12", "博士研究生结业", "Doctoral programme, completed without graduating"),
        ("13", "博士研究生肄业", "Doctoral programme, not completed"),
        ("14", "硕士研究生毕业", "Master's programme, graduated"),
        ("15", "硕士研究生结业", "Master's programme, completed without graduating"),
        ("16", "硕士研究生肄业", "Master's programme, not completed"),
        ("17", "研究生班毕业", "Postgraduate class, graduated"),
        ("18", "研究生班结业", "Postgraduate class, completed without graduating"),
        ("19", "研究生班肄业", "Postgraduate class, not completed"),
        ("20", "大学本科教育", "Undergraduate (bachelor's) education"),
        ("21", "大学本科毕业", "Bachelor's programme, graduated"),
        ("22", "大学本科结业", "Bachelor's programme, completed without graduating"),
        ("23", "大学本科肄业", "Bachelor's programme, not completed"),
        ("28", "大学普通班毕业", "University ordinary class (1970-1976 entrants), graduated"),
        ("30", "大学专科教育", "Junior college education"),
        ("31", "大学专科毕业", "Junior college, graduated"),
        ("32", "大学专科结业", "Junior college, completed without graduating"),
        ("33", "大学专科肄业", "Junior college, not completed"),
        ("40", "中等职业教育", "Secondary vocational education"),
        ("41", "中等专科毕业", "Secondary specialised school, graduated"),
        ("42", "中等专科结业", "Secondary specialised school, completed without graduating"),
        ("43", "中等专科肄业", "Secondary specialised school, not completed"),
        ("44", "职业高中毕业", "Vocational high school, graduated"),
        ("45", "职业高中结业", "Vocational high school, completed without graduating"),
        ("46", "职业高中肄业", "Vocational high school, not completed"),
        ("47", "技工学校毕业", "Technical school, graduated"),
        ("48", "技工学校结业", "Technical school, completed without graduating"),
        ("49", "技工学校肄业", "Technical school, not completed"),
        ("60", "普通高级中学教育", "General senior secondary education"),
        ("61", "普通高中毕业", "Senior high school, graduated"),
        ("62", "普通高中结业", "Senior high school, completed without graduating"),
        ("63", "普通高中肄业", "Senior high school, not completed"),
        ("70", "初级中学教育", "Junior secondary education"),
        ("71", "初中毕业", "Junior high school, graduated"),
        ("73", "初中肄业", "Junior high school, not completed"),
        ("80", "小学教育", "Primary education"),
        ("81", "小学毕业", "Primary school, graduated"),
        ("83", "小学肄业", "Primary school, not completed"),
        ("90", "其他", "Other"),
    ),
)

# --------------------------------------------------------------------------- GB/T 2261.2-2003

MARITAL_STATUS = CodeTable(
    name="marital_status",
    standard="GB/T 2261.2-2003",
    entries=(
        ("10", "未婚", "Unmarried"),
        ("20", "已婚", "Married"),
        ("21", "初婚", "First marriage"),
        ("22", "再婚", "Remarried"),
        ("23", "复婚", "Remarried to former spouse"),
        ("30", "丧偶", "Widowed"),
        ("40", "离婚", "Divorced"),
        ("90", "未说明的婚姻状况", "Not stated"),
    ),
    aliases=(("single", "10"), ("widow", "30"), ("widower", "30")),
)

# --------------------------------------------------------------------------- GB/T 4762-1984

POLITICAL_STATUS = CodeTable(
    name="political_status",
    standard="GB/T 4762-1984",
    entries=(
        ("01", "中国共产党党员", "Member of the Communist Party of China"),
        ("02", "中国共产党预备党员", "Probationary member of the Communist Party of China"),
        ("03", "中国共产主义青年团团员", "Member of the Communist Youth League of China"),
        ("04", "中国国民党革命委员会会员", "Member of the Revolutionary Committee of the Chinese Kuomintang"),
        ("05", "中国民主同盟盟员", "Member of the China Democratic League"),
        ("06", "中国民主建国会会员", "Member of the China National Democratic Construction Association"),
        ("07", "中国民主促进会会员", "Member of the China Association for Promoting Democracy"),
        ("08", "中国农工民主党党员", "Member of the Chinese Peasants' and Workers' Democratic Party"),
        ("09", "中国致公党党员", "Member of the China Zhi Gong Party"),
        ("10", "九三学社社员", "Member of the Jiusan Society"),
        ("11", "台湾民主自治同盟盟员", "Member of the Taiwan Democratic Self-Government League"),
        ("12", "无党派民主人士", "Democrat without party affiliation"),
        ("13", "群众", "Ordinary citizen"),
    ),
    aliases=(("中共党员", "01"), ("党员", "01"), ("预备党员", "02"), ("共青团员", "03"), ("团员", "03")),
)

# --------------------------------------------------------------------------- GB/T 4761-2008

RELATIONSHIP = CodeTable(
    name="relationship",
    standard="GB/T 4761-2008",
    entries=(
        ("01", "本人", "Self"),
        ("02", "户主", "Head of household"),
        ("10", "配偶", "Spouse"),
        ("11", "夫", "Husband"),
        ("12", "妻", "Wife"),
        ("20", "子", "Son"),
        ("21", "独生子", "Only son"),
        ("22", "长子", "Eldest son"),
        ("23", "次子", "Second son"),
        ("24", "三子", "Third son"),
        ("25", "四子", "Fourth son"),
        ("26", "五子", "Fifth son"),
        ("27", "养子或继子", "Adopted son or stepson"),
        ("28", "女婿", "Son-in-law"),
        ("29", "其他儿子", "Other son"),
        ("30", "女", "Daughter"),
        ("31", "独生女", "Only daughter"),
        ("32", "长女", "Eldest daughter"),
        ("33", "次女", "Second daughter"),
        ("34", "三女", "Third daughter"),
        ("35", "四女", "Fourth daughter"),
        ("36", "五女", "Fifth daughter"),
        ("37", "养女或继女", "Adopted daughter or stepdaughter"),
        ("38", "儿媳", "Daughter-in-law"),
        ("39", "其他女儿", "Other daughter"),
        ("40", "孙子、孙女或外孙子、外孙女", "Grandchild"),
        ("41", "孙子", "Grandson (son's son)"),
        ("42", "孙女", "Granddaughter (son's daughter)"),
        ("43", "外孙子", "Grandson (daughter's son)"),
        ("44", "外孙女", "Granddaughter (daughter's daughter)"),
        ("45", "孙媳妇或外孙媳妇", "Grandson's wife"),
        ("46", "孙女婿或外孙女婿", "Granddaughter's husband"),
        ("47", "曾孙子或外曾孙子", "Great-grandson"),
        ("48", "曾孙女或外曾孙女", "Great-granddaughter"),
        ("49", "其他孙子、孙女或外孙子、外孙女", "Other grandchild"),
        ("50", "父母", "Parent"),
        ("51", "父亲", "Father"),
        ("52", "母亲", "Mother"),
        ("53", "公公", "Father-in-law (husband's father)"),
        ("54", "婆婆", "Mother-in-law (husband's mother)"),
        ("55", "岳父", "Father-in-law (wife's father)"),
        ("56", "岳母", "Mother-in-law (wife's mother)"),
        ("57", "继父或养父", "Stepfather or adoptive father"),
        ("58", "继母或养母", "Stepmother or adoptive mother"),
        ("59", "其他父母关系", "Other parent relationship"),
        ("60", "祖父母或外祖父母", "Grandparent"),
        ("61", "祖父", "Grandfather (father's father)"),
        ("62", "祖母", "Grandmother (father's mother)"),
        ("63", "外祖父", "Grandfather (mother's father)"),
        ("64", "外祖母", "Grandmother (mother's mother)"),
        ("65", "配偶的祖父母或外祖父母", "Spouse's grandparent"),
        ("66", "曾祖父", "Great-grandfather"),
        ("67", "曾祖母", "Great-grandmother"),
        ("68", "配偶的曾祖父母或外曾祖父母", "Spouse's great-grandparent"),
        ("69", "其他祖父母或外祖父母关系", "Other grandparent relationship"),
        ("70", "兄、弟、姐、妹", "Sibling"),
        ("71", "兄", "Elder brother"),
        ("72", "嫂", "Elder brother's wife"),
        ("73", "弟", "Younger brother"),
        ("74", "弟媳", "Younger brother's wife"),
        ("75", "姐姐", "Elder sister"),
        ("76", "姐夫", "Elder sister's husband"),
        ("77", "妹妹", "Younger sister"),
        ("78", "妹夫", "Younger sister's husband"),
        ("79", "其他兄弟姐妹", "Other sibling"),
        ("80", "其他", "Other"),
        ("81", "伯父", "Uncle (father's elder brother)"),
        ("82", "伯母", "Aunt (wife of father's elder brother)"),
        ("83", "叔父", "Uncle (father's younger brother)"),
        ("84", "婶母", "Aunt (wife of father's younger brother)"),
        ("85", "舅父", "Uncle (mother's brother)"),
        ("86", "舅母", "Aunt (wife of mother's brother)"),
        ("87", "姨父", "Uncle (husband of mother's sister)"),
        ("88", "姨母", "Aunt (mother's sister)"),
        ("89", "姑父", "Uncle (husband of father's sister)"),
        ("90", "姑母", "Aunt (father's sister)"),
        ("91", "堂兄弟、堂姐妹", "Paternal cousin"),
        ("92", "表兄弟、表姐妹", "Cousin (maternal, or father's sister's child)"),
        ("93", "侄子", "Nephew (brother's son)"),
        ("94", "侄女", "Niece (brother's daughter)"),
        ("95", "外甥", "Nephew (sister's son)"),
        ("96", "外甥女", "Niece (sister's daughter)"),
        ("97", "其他亲属", "Other relative"),
        ("99", "非亲属", "Not related"),
    ),
    aliases=(("兄弟姐妹", "70"), ("婶婶", "84"), ("姨夫", "87")),
)

TABLES: dict[str, CodeTable] = {
    "sex": SEX,
    "ethnicity": ETHNICITY,
    "education": EDUCATION,
    "marital_status": MARITAL_STATUS,
    "political_status": POLITICAL_STATUS,
    "relationship": RELATIONSHIP,
}

# Attributes that scoring rules may never use, neither as input nor to break
# ties: ethnicity, religion and political views are sensitive personal
# information under PIPL art. 28, and where someone comes from (origin,
# hukou, region code of the ID number) must not decide how they are treated.
# That is the product's promise to residents: a scoring rule that reads any
# of these must be refused.
PROTECTED_ATTRIBUTES = frozenset(
    {
        "ethnicity",
        "religion",
        "political_status",
        "origin_province",
        "hukou_province",
        "hukou_address",
        "region_code",
    }
)
