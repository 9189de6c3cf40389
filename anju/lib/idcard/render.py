"""Synthetic ID-card photos: the front of a second-generation resident ID card (居民身份证人像面).

Used by the tests, the benchmark and the demo; never by the recogniser itself.

* ``random_identity(rng)`` makes a valid identity: a current GB/T 2260 county
  code from ``anju/lib/data/gbt2260.tsv``, a birth date, a sequence number of
  the right parity and the MOD 11-2 check digit; a name that fits the
  ethnicity; an urban ("浙江省杭州市西湖区文一西路100号3幢2单元502室") or rural
  ("安徽省六安市裕安区固镇镇新河村三组") address inside the number's county.
* ``render_card(identity, seed=...)`` draws the card at its real proportions
  (85.6 × 54 mm) with Pillow: a light guilloche background, small blue labels,
  larger black values, the photo box (a grey silhouette), the 18-character
  number in a monospace font; then photographs it: placed on a table,
  perspective and scale jitter, rotation (±3°), uneven light, blur, noise and
  JPEG compression. Everything is drawn from ``seed``: same seed, same bytes.
* ``render_back`` (the national-emblem side) and ``render_text_page`` (a page
  of ordinary text) are the "not an ID card front" inputs of the tests.

Fonts: a CJK font is looked up in ``CJK_FONT_PATHS`` (or the ``ANJU_CJK_FONT``
environment variable); without one ``FontNotFound`` is raised, whose message
names the Debian packages that provide one. The number uses DejaVu Sans Mono
(or Liberation Mono) when present, else the CJK font.
"""

from __future__ import annotations

import datetime
import io
import math
import os
import random
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from anju.lib.codes import ETHNICITY
from anju.lib.identity import check_digit

__all__ = [
    "CARD_MM",
    "CJK_FONT_PATHS",
    "FontNotFound",
    "Identity",
    "find_cjk_font",
    "find_mono_font",
    "random_identity",
    "render_back",
    "render_card",
    "render_card_image",
    "render_text_page",
]

CARD_MM = (85.6, 54.0)  # ISO/IEC 7810 ID-1, as GA 450 prescribes for the card

# Looked up in this order; the first that exists is used.
CJK_FONT_PATHS = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",  # Debian fonts-wqy-zenhei
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",  # Debian fonts-wqy-microhei
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",  # Debian fonts-noto-cjk
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",  # Arch, Fedora
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",  # Debian fonts-arphic-uming
    "/System/Library/Fonts/PingFang.ttc",  # macOS
    "/System/Library/Fonts/STHeiti Medium.ttc",
    "C:/Windows/Fonts/simhei.ttf",  # Windows
    "C:/Windows/Fonts/msyh.ttc",
)
MONO_FONT_PATHS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",  # Debian fonts-dejavu-core
    "/usr/share/fonts/dejavu/DejaVuSansMono.ttf",
    "/usr/share/fonts/TTF/DejaVuSansMono.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf",  # fonts-liberation
    "/Library/Fonts/Courier New.ttf",
    "C:/Windows/Fonts/consola.ttf",
)


class FontNotFound(RuntimeError):
    """No CJK font on this machine: synthetic cards cannot be drawn."""

    def __init__(self) -> None:
        super().__init__(
            "未找到中文字体，无法绘制身份证样图；请安装 Debian 软件包 fonts-wqy-zenhei 或 fonts-noto-cjk，"
            "或用环境变量 ANJU_CJK_FONT 指定字体文件 "
            "(no CJK font found, so synthetic ID cards cannot be drawn: install the Debian package "
            "fonts-wqy-zenhei or fonts-noto-cjk, or point ANJU_CJK_FONT at a font file)"
        )


def find_cjk_font() -> str | None:
    """Path of the first CJK font found (``ANJU_CJK_FONT`` first), or None."""
    override = os.environ.get("ANJU_CJK_FONT")
    for path in ((override,) if override else ()) + CJK_FONT_PATHS:
        if path and Path(path).is_file():
            return path
    return None


def find_mono_font() -> str | None:
    """Path of a monospace Latin font for the number (OCR-B stand-in), or None."""
    for path in MONO_FONT_PATHS:
        if Path(path).is_file():
            return path
    return None


@lru_cache(maxsize=64)
def _font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size)


# --------------------------------------------------------------------------- identities


@dataclass(frozen=True)
class Identity:
    """What a card says. The printed fields need not agree with the number (tests use that)."""

    name: str
    sex: str  # GB/T 2261.1: "1" male, "2" female
    ethnicity: str  # GB 3304 code, "01" = 汉族
    birth_date: datetime.date
    address: str
    id_number: str

    @property
    def sex_name(self) -> str:
        return "男" if self.sex == "1" else "女"

    @property
    def ethnicity_name(self) -> str:
        """As printed on the card: without the 族 suffix ("汉", "蒙古", "维吾尔")."""
        zh = ETHNICITY.label(self.ethnicity)
        return zh[:-1] if zh.endswith("族") and len(zh) >= 2 else zh

    def __repr__(self) -> str:  # the number is personal data even when synthetic-looking
        return f"Identity({self.name!r}, {self.id_number[:6]}********{self.id_number[-4:]})"


_SURNAMES = (  # (surname, weight in per mille, roughly the 2020 census shares)
    ("王", 71), ("李", 71), ("张", 68), ("刘", 54), ("陈", 46), ("杨", 32), ("黄", 25), ("赵", 24),
    ("吴", 21), ("周", 21), ("徐", 17), ("孙", 16), ("马", 15), ("朱", 14), ("胡", 14), ("郭", 13),
    ("何", 12), ("林", 12), ("高", 12), ("罗", 11), ("郑", 11), ("梁", 10), ("谢", 9), ("宋", 8),
    ("唐", 8), ("许", 8), ("韩", 7), ("冯", 7), ("邓", 7), ("曹", 7), ("彭", 6), ("曾", 6), ("肖", 6),
    ("田", 6), ("董", 5), ("袁", 5), ("潘", 5), ("于", 5), ("蒋", 5), ("蔡", 5), ("余", 5), ("杜", 5),
    ("叶", 4), ("程", 4), ("苏", 4), ("魏", 4), ("吕", 4), ("丁", 4), ("任", 4), ("沈", 4), ("姚", 4),
    ("卢", 4), ("姜", 4), ("崔", 4), ("钟", 3), ("谭", 3), ("陆", 3), ("汪", 3), ("范", 3), ("金", 3),
    ("石", 3), ("廖", 3), ("贾", 3), ("夏", 3), ("韦", 3), ("付", 3), ("方", 3), ("白", 3), ("邹", 3),
    ("孟", 3), ("熊", 3), ("秦", 3), ("邱", 3), ("江", 3), ("尹", 3), ("薛", 2), ("闫", 2), ("段", 2),
    ("雷", 2), ("侯", 2), ("龙", 2), ("史", 2), ("陶", 2), ("黎", 2), ("贺", 2), ("顾", 2), ("毛", 2),
    ("郝", 2), ("龚", 2), ("邵", 2), ("万", 2), ("钱", 2), ("严", 2), ("覃", 2), ("武", 2), ("戴", 2),
    ("莫", 2), ("孔", 2), ("向", 2), ("汤", 2), ("欧阳", 1), ("司马", 1), ("诸葛", 1), ("上官", 1),
)
_GIVEN_MALE = (
    "伟刚勇毅俊峰强军平保东文辉力明永健世广志义兴良海山仁波宁贵福生龙元全国胜学祥才发武新利清飞彬"
    "富顺信子杰涛昌成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群豪心邦承乐绍功松善厚庆磊民"
    "友裕河哲江超浩亮政谦亨奇固之轮翰朗伯宏言若鸣朋斌梁栋维启克伦翔旭鹏泽晨辰士以建家致树炎德行时"
    "泰盛雄琛钧冠策腾楠榕风航弘"
)
_GIVEN_FEMALE = (
    "秀娟英华慧巧美娜静淑惠珠翠雅芝玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳"
    "瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴"
    "蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒"
    "伊亚宜可姬舒影荔枝丽阳妮宝贝初程梵罡恒鸿桦骅剑娇纪宽苛灵玛媚琪晴容睿烁堂唯威韦雯苇萱阅彦宇雨"
)
_UYGHUR_MALE = ("买买提", "艾力", "阿不都", "热合曼", "吐尔逊", "艾合买提", "依明", "伊力哈木", "麦麦提",
                "阿迪力", "努尔", "艾尔肯", "库尔班", "肉孜")
_UYGHUR_FEMALE = ("古丽", "阿依古丽", "帕提古丽", "米娜瓦尔", "热依拉", "热娜", "阿依努尔", "古再丽",
                  "祖丽皮亚", "迪丽娜尔")
_TIBETAN = ("扎西", "次仁", "多吉", "卓玛", "拉姆", "格桑", "平措", "央金", "旦增", "尼玛", "达瓦", "曲珍",
            "德吉", "索朗", "白玛", "顿珠")
_MONGOL = ("巴特尔", "其木格", "乌兰", "苏和", "额尔敦", "斯琴", "那仁", "朝鲁", "哈斯", "宝音", "阿古拉",
           "图雅", "萨仁", "孟和")
_ROAD_STEMS = ("人民", "解放", "中山", "建设", "文一", "文三", "延安", "南京", "长江", "黄河", "和平", "新华",
               "光明", "青年", "朝阳", "胜利", "学院", "工业", "滨江", "东风", "幸福", "团结", "红旗", "振兴",
               "凤凰", "天目山", "莫干山", "古翠", "教工", "丰潭", "五一", "八一", "北京", "上海", "迎宾",
               "长安", "金桥", "望江", "环城", "体育场")
_ROAD_DIRS = ("", "", "", "东", "西", "南", "北", "中")
_ROAD_KINDS = ("路", "路", "路", "街", "大道", "大街")
_ESTATES = ("阳光", "翠苑", "金色", "锦绣", "和家", "绿城", "春晓", "嘉和", "华庭", "紫荆", "名都", "康城")
_PLACE_CHARS = ("固新河石桥张王李东西南北大小清水马山龙泉沙湾塘柳杨花田家庄坪溪岭口店集铺坝营城阳平安"
                "丰兴宁和福德长白黄金桃李杏梅松竹青红高双三五七九永太")
_CN_NUM = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二")


@lru_cache(maxsize=1)
def _counties() -> tuple[tuple[str, str], ...]:
    """(code, name for addresses) of current county-level codes written in simplified characters."""
    path = Path(__file__).resolve().parents[1] / "data" / "gbt2260.tsv"
    out = []
    with path.open(encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            code, name, _province, _city, county, first, last = line.rstrip("\n").split("\t")
            if county and not last and county[-1] in "区县市旗" and (not first or int(first) <= 2000):
                # 市辖区 codes are real in ID numbers, but addresses name the city only
                out.append((code, name[: -len("市辖区")] if county == "市辖区" else name))
    return tuple(out)


def _han_name(rng: random.Random, sex: str) -> str:
    surnames, weights = zip(*_SURNAMES)
    surname = rng.choices(surnames, weights)[0]
    pool = _GIVEN_MALE if sex == "1" else _GIVEN_FEMALE
    size = 1 if rng.random() < 0.3 else 2
    return surname + "".join(rng.choice(pool) for _ in range(size))


def _name_for(rng: random.Random, sex: str, ethnicity: str) -> str:
    if ethnicity in ("05", "17", "29", "43", "50"):  # Turkic naming: own name · father's name
        own = rng.choice(_UYGHUR_MALE if sex == "1" else _UYGHUR_FEMALE)
        return f"{own}·{rng.choice(_UYGHUR_MALE)}"
    if ethnicity == "04":
        first, second = rng.sample(_TIBETAN, 2)
        return first + second
    if ethnicity == "02" and rng.random() < 0.6:
        return rng.choice(_MONGOL)
    return _han_name(rng, sex)


def _address_in(rng: random.Random, region: str) -> str:
    """An address in ``region`` that fits the card's three address lines."""
    urban = rng.random() < (0.75 if region.endswith(("区", "市")) else 0.25)
    if urban:
        road = rng.choice(_ROAD_STEMS) + rng.choice(_ROAD_DIRS) + rng.choice(_ROAD_KINDS)
        base = f"{region}{road}{rng.randint(1, 999)}号"
        roll = rng.random()
        if roll < 0.45:
            tail = f"{rng.randint(1, 30)}幢{rng.randint(1, 6)}单元{rng.randint(1, 28)}{rng.randint(1, 4):02d}室"
        elif roll < 0.65:
            tail = f"{rng.choice(_ESTATES)}小区{rng.randint(1, 40)}栋{rng.randint(1, 18)}0{rng.randint(1, 6)}室"
        elif roll < 0.8:
            tail = f"{rng.randint(1, 12)}{rng.choice(('栋', '幢'))}{rng.randint(101, 2806)}室"
        else:
            tail = ""
        address = base + tail
        return address if _fits(address) else base
    town = "".join(rng.sample(_PLACE_CHARS, 2)) + rng.choice(("镇", "镇", "乡", "街道"))
    village = "".join(rng.sample(_PLACE_CHARS, 2)) + "村"
    tail = f"{rng.choice(_CN_NUM)}组" if rng.random() < 0.6 else f"{rng.randint(1, 200)}号"
    address = f"{region}{town}{village}{tail}"
    return address if _fits(address) else f"{region}{village}{tail}"


def _fits(address: str) -> bool:
    """Room on three lines of the card: 11 Chinese characters a line, a digit about half of one."""
    return sum(0.55 if ch.isascii() else 1.0 for ch in address) <= 31.5


def random_identity(rng: random.Random, *, today: datetime.date | None = None) -> Identity:
    """A valid identity whose printed fields agree with its number."""
    today = today or datetime.date.today()
    code, region = rng.choice(_counties())
    sex = rng.choice(("1", "2"))
    ethnicity = "01" if rng.random() < 0.9 else rng.choice([c for c in ETHNICITY.codes if c not in ("01", "97", "98")])
    start = datetime.date(1945, 1, 1).toordinal()
    end = min(today - datetime.timedelta(days=365 * 16), datetime.date(2009, 12, 31)).toordinal()
    born = datetime.date.fromordinal(rng.randint(start, end))
    sequence = rng.randrange(0, 1000, 1)
    if (sequence % 2 == 1) != (sex == "1"):
        sequence = (sequence + 1) % 1000 if sequence != 999 else 998
    body = f"{code}{born:%Y%m%d}{sequence:03d}"
    return Identity(
        name=_name_for(rng, sex, ethnicity),
        sex=sex,
        ethnicity=ethnicity,
        birth_date=born,
        address=_address_in(rng, region),
        id_number=body + check_digit(body),
    )


# --------------------------------------------------------------------------- drawing the card

PX_PER_MM = 16  # drawing resolution before the "photograph" step
LABEL_RGB = (42, 112, 168)
VALUE_RGB = (22, 22, 26)
LABEL_MM = 2.5  # font size (em) of the labels
VALUE_MM = 3.3  # font size of the values
NUMBER_MM = 3.9  # font size of the ID number
VALUE_X = 15.0  # mm: left edge of the values
ADDRESS_RIGHT = 53.5  # mm: the address wraps before this x (the photo starts at 56.5)
ROWS = {"name": 8.0, "sex": 14.2, "birth": 20.4, "address": 26.6}  # mm: top of each value row
LINE_MM = 4.6  # address line pitch
NUMBER_Y = 45.6
PHOTO = (56.5, 6.5, 82.0, 38.5)  # mm: left, top, right, bottom


def _mm(v: float) -> int:
    return int(round(v * PX_PER_MM))


def _background(rng: random.Random, w: int, h: int) -> Image.Image:
    """Pale base colour with a gentle gradient and two families of guilloche curves."""
    base = np.array([238 + rng.randint(-4, 4), 239 + rng.randint(-4, 4), 233 + rng.randint(-4, 4)], np.float32)
    x = np.linspace(0.0, 1.0, 64, dtype=np.float32)[None, :, None]  # a smooth gradient: small, then resized
    y = np.linspace(0.0, 1.0, 40, dtype=np.float32)[:, None, None]
    tint = np.array([-6.0, 2.0, 8.0], np.float32)  # bluish towards the top right
    arr = base + tint * (x * (1.0 - y))
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB").resize((w, h), Image.BILINEAR)
    draw = ImageDraw.Draw(img)
    colours = ((214, 226, 238), (238, 220, 222), (222, 234, 220))
    for family in range(3):
        colour = colours[family]
        phase = rng.uniform(0, math.tau)
        period = rng.uniform(0.6, 1.4) * w / 6
        amp = rng.uniform(0.02, 0.05) * h
        for k in range(-4, 40):
            y0 = k * h / 34.0
            pts = [(xx, y0 + amp * math.sin(xx / period * math.tau + phase + k * 0.35)) for xx in range(0, w + 8, 8)]
            draw.line(pts, fill=colour, width=1)
    # a faint rosette where the real card has the Great Wall / globe pattern
    cx, cy, r = _mm(rng.uniform(35, 50)), _mm(rng.uniform(18, 30)), _mm(14)
    for k in range(36):
        a = k * math.tau / 36
        draw.ellipse((cx + r * 0.5 * math.cos(a) - r * 0.5, cy + r * 0.5 * math.sin(a) - r * 0.5,
                      cx + r * 0.5 * math.cos(a) + r * 0.5, cy + r * 0.5 * math.sin(a) + r * 0.5),
                     outline=(226, 231, 236), width=1)
    return img


def _photo_box(draw: ImageDraw.ImageDraw, rng: random.Random) -> None:
    left, top, right, bottom = (_mm(v) for v in PHOTO)
    shade = 214 + rng.randint(-8, 8)
    draw.rectangle((left, top, right, bottom), fill=(shade, shade, shade + 2))
    w, h = right - left, bottom - top
    grey = 150 + rng.randint(-20, 20)
    cx = left + w // 2 + rng.randint(-w // 20, w // 20)
    head_w, head_h = int(w * 0.42), int(h * 0.40)
    head_top = top + int(h * 0.12)
    draw.ellipse((cx - head_w // 2, head_top, cx + head_w // 2, head_top + head_h), fill=(grey, grey, grey))
    draw.chord((left + int(w * 0.05), top + int(h * 0.58), right - int(w * 0.05), bottom + int(h * 0.42)),
               180, 360, fill=(grey - 10, grey - 10, grey - 10))


def _spaced(draw, xy, text, font, fill, spacing_px: float) -> float:
    """Draw text character by character with extra spacing; returns the x after the last one."""
    x, y = xy
    for ch in text:
        draw.text((x, y), ch, font=font, fill=fill)
        x += draw.textlength(ch, font=font) + spacing_px
    return x


def _wrap(draw, text: str, font, width_px: float) -> list[str]:
    lines, current = [], ""
    for ch in text:
        if current and draw.textlength(current + ch, font=font) > width_px:
            lines.append(current)
            current = ch
        else:
            current += ch
    if current:
        lines.append(current)
    return lines


def render_card_image(identity: Identity, *, seed: int = 0) -> Image.Image:
    """The flat card (no photographic distortion), RGBA with rounded transparent corners."""
    cjk = find_cjk_font()
    if cjk is None:
        raise FontNotFound()
    mono = find_mono_font() or cjk
    rng = random.Random(f"card-{seed}")
    w, h = _mm(CARD_MM[0]), _mm(CARD_MM[1])
    card = _background(rng, w, h)
    draw = ImageDraw.Draw(card)
    label_font = _font(cjk, _mm(LABEL_MM))
    value_font = _font(cjk, _mm(VALUE_MM))
    number_font = _font(mono, _mm(NUMBER_MM))
    label_x = _mm(5.5)
    label_dy = _mm((VALUE_MM - LABEL_MM) * 0.75)  # labels sit on the values' baseline
    two_char_gap = _mm(LABEL_MM * 0.55)

    def label(text: str, x_mm: float | None, y_mm: float) -> None:
        x = label_x if x_mm is None else _mm(x_mm)
        gap = two_char_gap if len(text) == 2 else _mm(0.15)
        _spaced(draw, (x, _mm(y_mm) + label_dy), text, label_font, LABEL_RGB, gap)

    def value(text: str, x_mm: float, y_mm: float) -> float:
        draw.text((_mm(x_mm), _mm(y_mm)), text, font=value_font, fill=VALUE_RGB)
        return draw.textlength(text, font=value_font) / PX_PER_MM

    label("姓名", None, ROWS["name"])
    value(identity.name, VALUE_X, ROWS["name"])
    label("性别", None, ROWS["sex"])
    value(identity.sex_name, VALUE_X, ROWS["sex"])
    label("民族", 26.0, ROWS["sex"])
    value(identity.ethnicity_name, 34.5, ROWS["sex"])
    label("出生", None, ROWS["birth"])
    born = identity.birth_date
    x = VALUE_X
    for number, unit, width in ((str(born.year), "年", None), (str(born.month), "月", 4.2), (str(born.day), "日", 4.2)):
        used = value(number, x, ROWS["birth"])
        x += max(used, width or used) + 0.6
        label(unit, x, ROWS["birth"])
        x += LABEL_MM + 1.6
    label("住址", None, ROWS["address"])
    lines = _wrap(draw, identity.address, value_font, _mm(ADDRESS_RIGHT - VALUE_X))
    if len(lines) > 3:
        raise ValueError(f"the address needs {len(lines)} lines; the card has room for 3")
    for i, line in enumerate(lines):
        value(line, VALUE_X, ROWS["address"] + i * LINE_MM)
    label("公民身份号码", None, NUMBER_Y + 0.5)
    _spaced(draw, (_mm(27.0), _mm(NUMBER_Y - 0.4)), identity.id_number, number_font, VALUE_RGB, _mm(0.32))
    _photo_box(draw, rng)

    mask = Image.new("L", (w, h), 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, w - 1, h - 1), radius=_mm(3.2), fill=255)
    card.putalpha(mask)
    return card


# --------------------------------------------------------------------------- photographing it


def _perspective_coeffs(dst: list[tuple[float, float]], src: list[tuple[float, float]]) -> list[float]:
    """Coefficients for Image.transform(PERSPECTIVE): output point (dst) -> input point (src)."""
    rows, rhs = [], []
    for (x, y), (u, v) in zip(dst, src):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs += [u, v]
    return np.linalg.solve(np.array(rows, float), np.array(rhs, float)).tolist()


def _table(rng: random.Random, nrng: np.random.Generator, w: int, h: int) -> Image.Image:
    base = np.array(rng.choice(((120, 96, 70), (92, 92, 96), (170, 160, 140), (60, 64, 72), (200, 196, 188))),
                    np.float32)
    y = np.linspace(-1.0, 1.0, h, dtype=np.float32)[:, None, None]
    grain = nrng.normal(0.0, 6.0, (h, 1, 1)).astype(np.float32)  # wood-like horizontal streaks
    column = np.clip(base + 12.0 * y + grain, 0, 255).astype(np.uint8)  # h × 1 × 3; the photo's noise comes later
    return Image.fromarray(column, "RGB").resize((w, h), Image.NEAREST)


def render_card(
    identity: Identity,
    *,
    seed: int = 0,
    distort: bool = True,
    rotation: float | None = None,
    blur: float | None = None,
    noise: float | None = None,
    jpeg_quality: int | None = None,
    perspective: float | None = None,
    card_fraction: float | None = None,
    width: int = 1280,
    fmt: str = "JPEG",
) -> bytes:
    """A photo of the card as image bytes (JPEG by default), deterministic per ``seed``.

    With ``distort`` the unset parameters are drawn from the seed: rotation in
    ±3°, Gaussian blur radius 0.3–1.2 px, noise σ 2–7, JPEG quality 55–90,
    corner jitter up to 2.5 % of the card width, the card filling 75–95 % of
    the frame's width. Without ``distort`` they default to none. ``width`` is
    the photo's width in pixels (4:3 frame).
    """
    rng = random.Random(f"photo-{seed}")
    nrng = np.random.default_rng([abs(int(seed)), 7])

    def pick(given, low, high, none_value):
        if given is not None:
            return given
        return rng.uniform(low, high) if distort else none_value

    rotation = pick(rotation, -3.0, 3.0, 0.0)
    blur = pick(blur, 0.3, 1.2, 0.0)
    noise = pick(noise, 2.0, 7.0, 0.0)
    perspective = pick(perspective, 0.0, 0.025, 0.0)
    card_fraction = pick(card_fraction, 0.75, 0.95, 0.9)
    quality = jpeg_quality if jpeg_quality is not None else (rng.randint(55, 90) if distort else 92)

    card = render_card_image(identity, seed=seed)
    height = int(round(width * 3 / 4))
    photo = _table(rng, nrng, width, height)
    card_w = width * card_fraction
    card_h = card_w * CARD_MM[1] / CARD_MM[0]
    card = card.resize((int(round(card_w)), int(round(card_h))), Image.BICUBIC, reducing_gap=2.0)

    cx = width / 2 + rng.uniform(-1, 1) * (width - card_w) * 0.3
    cy = height / 2 + rng.uniform(-1, 1) * max(0.0, height - card_h) * 0.3
    a = math.radians(rotation)
    corners = []
    for sx, sy in ((-1, -1), (1, -1), (1, 1), (-1, 1)):
        x, y = sx * card_w / 2, sy * card_h / 2
        x += rng.uniform(-1, 1) * perspective * card_w
        y += rng.uniform(-1, 1) * perspective * card_w
        corners.append((cx + x * math.cos(a) - y * math.sin(a), cy + x * math.sin(a) + y * math.cos(a)))
    cw, ch = card.size
    coeffs = _perspective_coeffs(corners, [(0, 0), (cw, 0), (cw, ch), (0, ch)])
    warped = card.transform((width, height), Image.PERSPECTIVE, coeffs, Image.BILINEAR)
    photo.paste(warped, (0, 0), warped)

    arr = np.asarray(photo, np.float32)
    light = rng.uniform(0.85, 1.05)
    xs = np.linspace(-1.0, 1.0, width, dtype=np.float32)[None, :, None]
    arr = arr * (light + rng.uniform(-0.08, 0.08) * xs)  # uneven light across the card
    photo = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB")
    if blur > 0:
        photo = photo.filter(ImageFilter.GaussianBlur(blur))
    if noise > 0:
        arr = np.asarray(photo, np.float32) + nrng.normal(0.0, noise, (height, width, 1)).astype(np.float32)
        photo = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB")
    out = io.BytesIO()
    if fmt.upper() in ("JPEG", "JPG"):
        photo.save(out, "JPEG", quality=quality)
    else:
        photo.save(out, fmt)
    return out.getvalue()


def _plain_photo(img: Image.Image, rng: random.Random, quality: int = 85) -> bytes:
    img = img.rotate(rng.uniform(-2, 2), resample=Image.BICUBIC, expand=False, fillcolor=(250, 250, 250))
    out = io.BytesIO()
    img.convert("RGB").save(out, "JPEG", quality=quality)
    return out.getvalue()


def render_back(*, seed: int = 0, authority: str = "杭州市公安局西湖分局",
                valid: tuple[datetime.date, datetime.date] = (datetime.date(2018, 5, 2), datetime.date(2038, 5, 2)),
                width: int = 1280) -> bytes:
    """The other side of the card (国徽面): title, issuing authority, validity; no number."""
    cjk = find_cjk_font()
    if cjk is None:
        raise FontNotFound()
    rng = random.Random(f"back-{seed}")
    w, h = _mm(CARD_MM[0]), _mm(CARD_MM[1])
    card = _background(rng, w, h)
    draw = ImageDraw.Draw(card)
    draw.ellipse((_mm(6), _mm(5), _mm(22), _mm(21)), outline=(200, 40, 40), width=_mm(0.8))  # the emblem's place
    _spaced(draw, (_mm(28), _mm(8)), "中华人民共和国", _font(cjk, _mm(4.6)), VALUE_RGB, _mm(0.6))
    _spaced(draw, (_mm(24), _mm(17)), "居民身份证", _font(cjk, _mm(7.0)), VALUE_RGB, _mm(1.4))
    label_font, value_font = _font(cjk, _mm(LABEL_MM)), _font(cjk, _mm(VALUE_MM))
    _spaced(draw, (_mm(14), _mm(38.5)), "签发机关", label_font, LABEL_RGB, _mm(0.3))
    draw.text((_mm(28), _mm(38)), authority, font=value_font, fill=VALUE_RGB)
    _spaced(draw, (_mm(14), _mm(45.5)), "有效期限", label_font, LABEL_RGB, _mm(0.3))
    draw.text((_mm(28), _mm(45)), f"{valid[0]:%Y.%m.%d}-{valid[1]:%Y.%m.%d}", font=value_font, fill=VALUE_RGB)
    canvas = Image.new("RGB", (w + _mm(12), h + _mm(12)), (96, 92, 90))
    canvas.paste(card, (_mm(6), _mm(6)))
    canvas = canvas.resize((width, int(width * canvas.height / canvas.width)), Image.LANCZOS)
    return _plain_photo(canvas, rng)


_FILLER = ("今天天气很好我们一起去公园散步看到许多人在湖边锻炼身体老人下棋孩子放风筝"
           "社区组织志愿者清理垃圾分类宣传活动居民踊跃参加会议通知请于下周一上午九点到会议室"
           "报名材料包括申请表复印件和照片两张逾期不予受理特此通知感谢大家支持配合")


def render_text_page(*, seed: int = 0, width: int = 1240, lines: int = 18) -> bytes:
    """A photographed page of ordinary Chinese text with some short numbers: not an ID card."""
    cjk = find_cjk_font()
    if cjk is None:
        raise FontNotFound()
    rng = random.Random(f"page-{seed}")
    height = int(width * 1.3)
    page = Image.new("RGB", (width, height), (248, 247, 242))
    draw = ImageDraw.Draw(page)
    title_font = _font(cjk, width // 24)
    body_font = _font(cjk, width // 34)
    draw.text((width // 10, height // 16), "关于开展" + "".join(rng.sample(_FILLER, 4)) + "工作的通知",
              font=title_font, fill=(20, 20, 20))
    y = height // 16 + width // 12
    for i in range(lines):
        start = rng.randrange(len(_FILLER) - 20)
        text = _FILLER[start:start + rng.randint(12, 20)]
        if rng.random() < 0.3:
            text += f"{rng.randint(1, 2025)}年{rng.randint(1, 12)}月"
        if rng.random() < 0.2:
            text += f"电话{rng.randint(1000, 9999)}-{rng.randint(1000000, 9999999)}"
        draw.text((width // 10, y), text, font=body_font, fill=(30, 30, 30))
        y += int(width / 34 * 1.8)
    return _plain_photo(page, rng)
