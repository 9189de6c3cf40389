"""Chinese names with realistic duplication, and the ways records get them wrong.

Pure Python, no Django, no dependency: every character the generator can
produce is in ``CHARS`` with its toneless pinyin and traditional form, so the
pinyin spellings and traditional renderings are exact, and homophones are the
characters of the table that share a pinyin (张/章, 伟/玮/炜/维, 徐/许).

Surname weights follow the Ministry of Public Security's 2019/2020 surname
reports (王 7.1 %, 李 7.1 %, 张 6.8 %, …); given names mix a cohort's most
common names (伟, 芳, 秀英 for people born before 1990; 子轩, 梓涵 after 2005)
with names composed from a character pool, so that a city of 100,000 holds
dozens of 张伟 and 王芳 and a long tail of unique names.
"""

from __future__ import annotations

import random

# char pinyin traditional("-" if the same)
_CHAR_TABLE = """
王 wang - 李 li - 张 zhang 張 刘 liu 劉 陈 chen 陳 杨 yang 楊 黄 huang 黃 赵 zhao 趙 吴 wu 吳 周 zhou -
徐 xu - 孙 sun 孫 马 ma 馬 朱 zhu - 胡 hu - 郭 guo - 何 he - 林 lin - 高 gao - 罗 luo 羅 郑 zheng 鄭
梁 liang - 谢 xie 謝 宋 song - 唐 tang - 许 xu 許 韩 han 韓 邓 deng 鄧 冯 feng 馮 曹 cao - 彭 peng -
曾 zeng - 肖 xiao - 田 tian - 董 dong - 潘 pan - 袁 yuan - 蔡 cai - 蒋 jiang 蔣 余 yu - 于 yu - 杜 du -
叶 ye 葉 程 cheng - 魏 wei - 苏 su 蘇 吕 lv 呂 丁 ding - 任 ren - 卢 lu 盧 姚 yao - 沈 shen - 钟 zhong 鍾
姜 jiang - 崔 cui - 谭 tan 譚 陆 lu 陸 范 fan - 汪 wang - 廖 liao - 石 shi - 金 jin - 韦 wei 韋 贾 jia 賈
夏 xia - 付 fu - 方 fang - 邹 zou 鄒 熊 xiong - 白 bai - 孟 meng - 秦 qin - 邱 qiu - 侯 hou - 江 jiang -
尹 yin - 薛 xue - 闫 yan 閆 段 duan - 雷 lei - 龙 long 龍 黎 li - 史 shi - 陶 tao - 贺 he 賀 毛 mao -
郝 hao - 顾 gu 顧 龚 gong 龔 邵 shao - 万 wan 萬 覃 qin - 武 wu - 钱 qian 錢 戴 dai - 严 yan 嚴 莫 mo -
孔 kong - 向 xiang - 常 chang - 汤 tang 湯 康 kang - 易 yi - 乔 qiao 喬 赖 lai 賴 文 wen - 施 shi -
洪 hong - 辛 xin - 柯 ke - 庄 zhuang 莊 单 shan 單 欧 ou 歐 阳 yang 陽 司 si - 诸 zhu 諸 葛 ge - 上 shang -
官 guan - 章 zhang - 柳 liu - 骆 luo 駱 俞 yu - 傅 fu - 祝 zhu - 颜 yan 顏 伍 wu - 蓝 lan 藍
伟 wei 偉 磊 lei - 勇 yong - 军 jun 軍 杰 jie 傑 涛 tao 濤 强 qiang 強 鹏 peng 鵬 斌 bin - 超 chao -
明 ming - 刚 gang 剛 平 ping - 辉 hui 輝 健 jian - 波 bo - 峰 feng - 浩 hao - 俊 jun - 亮 liang -
华 hua 華 建 jian - 国 guo 國 志 zhi - 海 hai - 东 dong 東 飞 fei 飛 宇 yu - 轩 xuan 軒 晨 chen -
博 bo - 睿 rui - 子 zi - 涵 han - 然 ran - 泽 ze 澤 航 hang - 旭 xu - 凯 kai 凱 鑫 xin - 宁 ning 寧
成 cheng - 德 de - 荣 rong 榮 新 xin - 春 chun - 永 yong - 光 guang - 福 fu - 生 sheng - 兵 bing -
红 hong 紅 云 yun 雲 小 xiao - 晓 xiao 曉 洋 yang - 帅 shuai 帥 毅 yi - 松 song - 坤 kun - 彬 bin -
锋 feng 鋒 振 zhen - 家 jia - 嘉 jia - 佳 jia - 豪 hao - 铭 ming 銘 昊 hao - 天 tian - 一 yi -
诺 nuo 諾 梓 zi - 奕 yi - 辰 chen - 逸 yi - 思 si - 宏 hong - 伦 lun 倫 熙 xi - 沐 mu - 汐 xi -
芳 fang - 娜 na - 敏 min - 静 jing 靜 丽 li 麗 艳 yan 艷 娟 juan - 霞 xia - 燕 yan - 玲 ling - 婷 ting -
秀 xiu - 英 ying - 桂 gui - 兰 lan 蘭 玉 yu - 萍 ping - 梅 mei - 莉 li - 琳 lin - 雪 xue - 慧 hui -
颖 ying 穎 欣 xin - 怡 yi - 琪 qi - 瑶 yao 瑤 倩 qian - 婧 jing - 雯 wen - 雨 yu - 诗 shi 詩
梦 meng 夢 晶 jing - 洁 jie 潔 凤 feng 鳳 淑 shu - 珍 zhen - 琴 qin - 月 yue - 冬 dong - 萱 xuan -
妍 yan - 璐 lu - 露 lu - 丹 dan - 蕾 lei - 薇 wei - 悦 yue 悅 彤 tong - 可 ke - 馨 xin - 若 ruo -
艺 yi 藝 婉 wan - 欢 huan 歡 语 yu 語 桐 tong -
玮 wei 瑋 炜 wei 煒 维 wei 維 咏 yong 詠 君 jun - 钧 jun 鈞 婕 jie - 滔 tao - 韬 tao 韜 蔷 qiang 薔
朋 peng - 宾 bin 賓 鸣 ming 鳴 钢 gang 鋼 纲 gang 綱 苹 ping 蘋 晖 hui 暉 惠 hui - 剑 jian 劍
丰 feng 豐 枫 feng 楓 皓 hao - 骏 jun 駿 良 liang - 桦 hua 樺 纳 na 納 菁 jing - 立 li - 力 li -
鹃 juan 鵑 凌 ling - 亭 ting - 庭 ting - 修 xiu - 莹 ying 瑩 瑛 ying - 岚 lan 嵐 美 mei - 学 xue 學
心 xin - 宜 yi - 仪 yi 儀 淇 qi - 奇 qi - 遥 yao 遙 尧 yao 堯 茜 qian - 闻 wen 聞 师 shi 師
虹 hong - 越 yue - 纯 chun 純 筱 xiao - 紫 zi - 晗 han - 寒 han - 宣 xuan - 臣 chen - 凝 ning -
瑞 rui - 柏 bo - 杭 hang - 序 xu - 楷 kai - 诚 cheng 誠 得 de - 容 rong - 蓉 rong - 智 zhi -
隆 long - 菲 fei - 添 tian - 义 yi 義 斯 si - 珂 ke - 宛 wan - 焕 huan 煥 微 wei - 童 tong -
昆 kun - 震 zhen - 嵩 song - 升 sheng - 胜 sheng 勝 冰 bing - 芸 yun - 富 fu - 锦 jin 錦 晋 jin 晉
舒 shu - 书 shu 書 真 zhen - 芹 qin - 贵 gui 貴 果 guo - 治 zhi - 玉 yu - 世 shi - 少 shao -
承 cheng - 雅 ya - 事 shi - 诗 shi 詩 邵 shao - 丞 cheng - 亚 ya 亞
艾 ai - 买 mai 買 提 ti - 阿 a - 不 bu - 都 du - 吐 tu - 尔 er 爾 逊 xun 遜 合 he - 努 nu -
依 yi - 麦 mai 麥 古 gu - 热 re 熱 拉 la - 帕 pa - 米 mi - 祖 zu - 亚 ya 亞 曼 man - 孜 zi -
"""

CHARS: dict[str, tuple[str, str]] = {}
_toks = _CHAR_TABLE.split()
for _i in range(0, len(_toks), 3):
    _ch, _py, _tr = _toks[_i:_i + 3]
    CHARS.setdefault(_ch, (_py, _ch if _tr == "-" else _tr))
del _toks, _i, _ch, _py, _tr

# Homophones: characters of the table sharing a toneless pinyin, in table order.
HOMOPHONES: dict[str, tuple[str, ...]] = {}
_by_py: dict[str, list[str]] = {}
for _ch, (_py, _tr) in CHARS.items():
    _by_py.setdefault(_py, []).append(_ch)
for _ch, (_py, _tr) in CHARS.items():
    others = tuple(c for c in _by_py[_py] if c != _ch)
    if others:
        HOMOPHONES[_ch] = others

# Surnames with weights in ‰ of the population (MPS 2019/2020 reports, rounded).
SURNAMES: tuple[tuple[str, float], ...] = (
    ("王", 71.5), ("李", 71.2), ("张", 68.3), ("刘", 53.8), ("陈", 45.3), ("杨", 30.8), ("黄", 22.3),
    ("赵", 21.4), ("吴", 20.5), ("周", 18.9), ("徐", 14.7), ("孙", 14.4), ("马", 12.9), ("朱", 12.6),
    ("胡", 11.6), ("郭", 11.5), ("何", 10.6), ("林", 10.0), ("高", 9.9), ("罗", 8.7), ("郑", 7.9),
    ("梁", 7.3), ("谢", 6.4), ("宋", 5.5), ("唐", 5.4), ("许", 5.4), ("韩", 5.3), ("邓", 5.2),
    ("冯", 5.1), ("曹", 5.0), ("彭", 4.8), ("曾", 4.5), ("肖", 4.3), ("田", 4.3), ("董", 4.2),
    ("潘", 4.1), ("袁", 4.1), ("蔡", 3.6), ("蒋", 3.9), ("余", 3.5), ("于", 3.9), ("杜", 3.3),
    ("叶", 3.2), ("程", 3.2), ("魏", 3.0), ("苏", 3.0), ("吕", 2.9), ("丁", 2.8), ("任", 2.8),
    ("卢", 2.5), ("姚", 2.6), ("沈", 2.6), ("钟", 2.3), ("姜", 2.4), ("崔", 2.4), ("谭", 2.3),
    ("陆", 2.2), ("范", 2.1), ("汪", 2.1), ("廖", 1.9), ("石", 2.0), ("金", 2.0), ("韦", 1.8),
    ("贾", 1.9), ("夏", 1.8), ("付", 1.7), ("方", 1.7), ("邹", 1.6), ("熊", 1.5), ("白", 1.6),
    ("孟", 1.6), ("秦", 1.5), ("邱", 1.5), ("侯", 1.2), ("江", 1.5), ("尹", 1.4), ("薛", 1.3),
    ("闫", 1.3), ("段", 1.3), ("雷", 1.2), ("龙", 1.2), ("黎", 1.1), ("史", 1.1), ("陶", 1.1),
    ("贺", 1.1), ("毛", 1.0), ("郝", 1.0), ("顾", 1.0), ("龚", 1.0), ("邵", 1.0), ("万", 0.9),
    ("覃", 0.9), ("武", 0.9), ("钱", 0.9), ("戴", 0.8), ("严", 0.9), ("莫", 0.8), ("孔", 0.8),
    ("向", 0.8), ("常", 0.7), ("汤", 0.7), ("康", 0.7), ("易", 0.6), ("乔", 0.6), ("赖", 0.6),
    ("文", 0.6), ("施", 0.5), ("洪", 0.5), ("辛", 0.3), ("柯", 0.4), ("庄", 0.5), ("单", 0.3),
    ("章", 0.5), ("柳", 0.3), ("骆", 0.3), ("俞", 0.4), ("傅", 0.6), ("祝", 0.4), ("颜", 0.5),
    ("伍", 0.5), ("蓝", 0.3), ("欧阳", 0.3), ("司马", 0.05), ("诸葛", 0.03), ("上官", 0.03),
)

# Whole given names by birth cohort and sex, with weights (‰ of that cohort's names).
_COMMON = {
    ("1", "old"): (("伟", 6), ("勇", 8), ("军", 8), ("磊", 7), ("涛", 6), ("斌", 6), ("强", 6), ("鹏", 5),
                   ("杰", 5), ("超", 4), ("明", 5), ("刚", 5), ("平", 4), ("辉", 5), ("健", 4), ("波", 4),
                   ("峰", 4), ("建华", 5), ("建国", 4), ("建军", 4), ("志强", 4), ("志明", 2), ("海涛", 2),
                   ("国强", 3), ("建平", 2), ("小龙", 2), ("文杰", 2), ("永强", 2), ("红军", 2), ("春生", 1)),
    ("2", "old"): (("芳", 10), ("娜", 7), ("敏", 7), ("静", 8), ("丽", 7), ("艳", 7), ("娟", 6), ("霞", 6),
                   ("燕", 6), ("玲", 5), ("秀英", 8), ("桂英", 6), ("秀兰", 5), ("玉兰", 5), ("丽娟", 3),
                   ("丽华", 3), ("海燕", 3), ("红梅", 3), ("春梅", 2), ("小红", 2), ("晓燕", 2), ("婷婷", 2),
                   ("丹丹", 2), ("秀珍", 2), ("桂兰", 2), ("玉梅", 2), ("凤英", 2)),
    ("1", "mid"): (("浩", 7), ("杰", 7), ("鑫", 6), ("宇", 6), ("磊", 6), ("涛", 5), ("超", 5), ("帅", 5),
                   ("鹏", 5), ("俊杰", 6), ("浩然", 4), ("子豪", 4), ("宇航", 3), ("家豪", 3), ("文博", 2),
                   ("晨", 3), ("旭", 3), ("凯", 4), ("伟", 5), ("俊", 3), ("明轩", 2), ("天宇", 2)),
    ("2", "mid"): (("婷", 8), ("婷婷", 6), ("雪", 6), ("倩", 6), ("颖", 5), ("静", 5), ("佳怡", 4),
                   ("欣怡", 5), ("思雨", 3), ("梦婷", 3), ("雨婷", 3), ("晓雪", 2), ("文静", 3), ("丹", 4),
                   ("悦", 3), ("琳", 3), ("洁", 3), ("佳琪", 3), ("诗雨", 2), ("雯", 2)),
    ("1", "new"): (("子轩", 8), ("浩宇", 6), ("宇轩", 6), ("浩然", 5), ("梓豪", 4), ("一诺", 5), ("宇航", 3),
                   ("皓轩", 4), ("梓睿", 3), ("博文", 3), ("奕辰", 4), ("沐辰", 3), ("俊熙", 3),
                   ("睿", 2), ("锦程", 2)),
    ("2", "new"): (("梓涵", 8), ("欣怡", 6), ("子涵", 6), ("一诺", 6), ("诗涵", 5), ("雨涵", 5), ("梓萱", 4),
                   ("可馨", 4), ("语桐", 3), ("欣妍", 4), ("思彤", 3), ("若汐", 3), ("佳怡", 3), ("雨桐", 3)),
}
_POOL = {
    "1": "伟磊勇军杰涛强鹏斌超明刚平辉健波峰浩俊亮华建国志文海林东龙飞宇轩晨博睿子涵然泽航旭凯鑫宁成德荣新春永光金福生兵红云小晓洋阳帅毅松坤彬锋振家嘉佳豪铭昊天一诺梓奕辰逸思宏伦熙沐",
    "2": "芳娜敏静丽艳娟霞燕玲婷秀英桂兰玉萍梅莉琳雪慧颖欣怡佳琪瑶倩婧雯雨诗梦晶洁红凤金淑珍琴月春冬梓涵萱妍璐露晓小丹蕾薇悦彤可馨若宁艺思婉欢语桐汐",
}
# Two-character names: characters that usually come first, and those that usually come second.
_FIRST = {
    "1": "建志国文海晓小子浩宇俊家嘉天一梓奕思明永春光金德荣新宏伟鹏立成世振少博承",
    "2": "秀桂玉丽春海晓小雪慧欣佳思梦诗雨梓子一可若语婉美淑凤红金月冬艺雅晶婷静",
}
_SECOND = {
    "1": "伟磊勇军杰涛强鹏斌超明刚平辉健波峰浩俊亮华东龙飞宇轩晨博睿涵然泽航旭凯鑫宁成德荣新生兵云洋阳帅毅松坤彬锋振豪铭昊天诺辰逸熙",
    "2": "芳娜敏静丽艳娟霞燕玲婷英兰萍梅莉琳雪慧颖欣怡琪瑶倩婧雯涵萱妍璐露丹蕾薇悦彤馨宁桐汐",
}
# Uygur names are "given·father's given"; records write the dot in several ways.
_UYGUR = {
    "1": ("买买提", "艾力", "阿不都", "吐尔逊", "艾合买提", "努尔", "麦麦提", "依明"),
    "2": ("古丽", "阿依古丽", "热依拉", "帕提古丽", "米热古丽", "祖丽菲亚"),
}
UYGUR_DOTS = ("•", ".", "", "・")


def cohort(birth_year: int) -> str:
    return "old" if birth_year < 1990 else ("mid" if birth_year < 2006 else "new")


class NameMaker:
    """Draws names; keeps cumulative weight tables so that a draw is one bisect."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self._surnames = [s for s, _w in SURNAMES]
        self._surname_cum = _cum([w for _s, w in SURNAMES])
        self._common = {k: ([n for n, _w in v if _w], _cum([w for _n, w in v if w])) for k, v in _COMMON.items()}

    def surname(self) -> str:
        return self.rng.choices(self._surnames, cum_weights=self._surname_cum)[0]

    def given(self, sex: str, birth_year: int) -> str:
        rng = self.rng
        c = cohort(birth_year)
        names, cum = self._common[(sex, c)]
        # Share of names drawn from the cohort's common list (the top names cover roughly this
        # share in name statistics); the rest are composed, giving a long tail of rarer names.
        if rng.random() < 0.15:
            return rng.choices(names, cum_weights=cum)[0]
        single = {"old": 0.25, "mid": 0.18, "new": 0.08}[c]
        if rng.random() < single:
            return rng.choice(_SECOND[sex])
        first, second = _FIRST[sex], _SECOND[sex]
        a = first[int(rng.random() * len(first))]
        b = second[int(rng.random() * len(second))]
        while b == a:
            b = second[int(rng.random() * len(second))]
        return a + b

    def full(self, sex: str, birth_year: int, surname: str | None = None) -> str:
        return (surname or self.surname()) + self.given(sex, birth_year)

    def uygur(self, sex: str) -> str:
        return f"{self.rng.choice(_UYGUR[sex])}·{self.rng.choice(_UYGUR['1'])}"


def _cum(weights) -> list[float]:
    out, total = [], 0.0
    for w in weights:
        total += w
        out.append(total)
    return out


# --------------------------------------------------------------------------- noise


def surname_length(name: str) -> int:
    if "·" in name:
        return 0
    return 2 if len(name) >= 3 and name[:2] in _COMPOUND else 1


_COMPOUND = {s for s, _w in SURNAMES if len(s) == 2}


def traditional(name: str) -> str:
    return "".join(CHARS[ch][1] if ch in CHARS else ch for ch in name)


def pinyin(name: str, rng: random.Random) -> str:
    """One of the spellings records use: "ZHANG WEI", "Zhang Wei", "zhangwei", "Wei Zhang"."""
    if "·" in name:
        parts = ["".join(CHARS.get(ch, (ch, ch))[0] for ch in part) for part in name.split("·")]
        return " ".join(p.capitalize() for p in parts)
    n = surname_length(name)
    fam = "".join(CHARS.get(ch, (ch, ch))[0] for ch in name[:n])
    giv = "".join(CHARS.get(ch, (ch, ch))[0] for ch in name[n:])
    style = rng.random()
    if style < 0.35:
        return f"{fam} {giv}".upper()
    if style < 0.7:
        return f"{fam.capitalize()} {giv.capitalize()}"
    if style < 0.9:
        return f"{fam}{giv}"
    return f"{giv.capitalize()} {fam.capitalize()}"


def homophone(name: str, rng: random.Random) -> str | None:
    """Replace one character by a homophone; given-name characters are mistyped more often."""
    if "·" in name:
        return None
    n = surname_length(name)
    positions = [i for i, ch in enumerate(name) if ch in HOMOPHONES]
    if not positions:
        return None
    given = [i for i in positions if i >= n]
    i = rng.choice(given) if given and rng.random() < 0.8 else rng.choice(positions)
    return name[:i] + rng.choice(HOMOPHONES[name[i]]) + name[i + 1:]


def dropped(name: str, rng: random.Random) -> str | None:
    """One given-name character dropped (张小明 → 张明); needs at least two given characters."""
    if "·" in name:
        return name.split("·")[0]  # the father's name left out
    n = surname_length(name)
    if len(name) - n < 2:
        return None
    i = rng.randrange(n, len(name))
    return name[:i] + name[i + 1:]


def uygur_dot(name: str, rng: random.Random) -> str:
    return name.replace("·", rng.choice(UYGUR_DOTS)) if "·" in name else name
