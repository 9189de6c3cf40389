#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Independent synthetic city and scorer for the Anju batch interchange.

Written from the interchange contract and the seed articles only (no knowledge
of the system under test or its own simulator).  Standard library only,
deterministic for a given seed.

Provenance: written on 2026-11-24 by a helper agent that was told not to read
anything of Anju but its command-line help and README's run lines, so that its
city, its noise and its definitions of the truth are an outsider's, as the
judges' will be. Keep it that way: do not change it to suit Anju's results
(fix only its own bugs, and say so in the commit). Run through
benchmarks/bench_fusion_independent.py.

  python indep_city.py build --out DIR --residents N --seed S --as-of YYYY-MM-DD
  python indep_city.py score --data DIR --results RDIR [--explain K]

--residents N is the number of people who live in the city at some time inside
the simulated window (about 600 days up to --as-of).  On top of them the build
adds people who never live in the city during the window: locals whose hukou
is here but who live elsewhere, "zombie" migrants whose registration outlived
their stay, hotel visitors, and wanted persons who never come.
"""
import argparse
import csv
import datetime as dt
import heapq
import json
import math
import os
import random
import sys
from collections import Counter, defaultdict

WINDOW_DAYS = 600

# ============================================================ reference data
SURNAMES_TXT = (
    "王7.12 李7.00 张6.74 刘5.10 陈4.61 杨3.22 黄2.45 赵2.23 吴2.05 周1.91 徐1.66 孙1.54 马1.46 朱1.42 "
    "胡1.35 郭1.21 何1.16 林1.13 高1.07 罗1.05 郑0.98 梁0.94 谢0.85 宋0.80 唐0.79 许0.74 韩0.73 冯0.72 "
    "邓0.71 曹0.69 彭0.65 曾0.63 肖0.61 田0.60 董0.59 袁0.56 潘0.55 于0.54 蒋0.53 蔡0.52 余0.51 杜0.50 "
    "叶0.49 程0.48 苏0.47 魏0.46 吕0.45 丁0.44 任0.43 沈0.42 姚0.41 卢0.40 姜0.39 崔0.38 钟0.37 谭0.36 "
    "陆0.35 汪0.34 范0.33 金0.32 石0.31 廖0.30 贾0.29 夏0.28 韦0.27 付0.26 方0.25 白0.24 邹0.23 孟0.22 "
    "熊0.21 秦0.20 邱0.19 江0.18 尹0.17 薛0.16 闫0.15 段0.14 雷0.13 侯0.12 龙0.11 史0.10 陶0.10 黎0.09 "
    "贺0.09 顾0.09 毛0.08 郝0.08 龚0.08 邵0.08 万0.07 钱0.07 严0.07 覃0.06 武0.06 戴0.06 莫0.05 孔0.05 "
    "向0.05 汤0.05 俞0.05 章0.05 欧阳0.02 司马0.005 诸葛0.003 上官0.003")
# Shaoxing locals: surnames common in northern Zhejiang get a boost
LOCAL_BOOST = {"陈": 1.8, "王": 1.1, "沈": 4.0, "金": 3.5, "钱": 5.0, "俞": 12.0, "章": 8.0, "徐": 1.6,
               "周": 1.4, "孙": 1.3, "胡": 1.4, "朱": 1.3, "倪": 1.0, "傅": 1.0, "马": 0.6, "郭": 0.5,
               "刘": 0.6, "韦": 0.1, "覃": 0.05, "梁": 0.4, "张": 0.9, "李": 0.7, "杨": 0.8}

GIVEN = {
    ("M", 0): "国建华明军伟平勇强林志海东文忠德荣福根祥春金宝兴炳水永龙斌辉刚峰庆立新松贵生",
    ("M", 1): "伟磊涛鹏杰浩亮超斌峰俊飞强勇军波辉刚健晨阳凯帅鑫宇龙明晓东敏杨洋林",
    ("M", 2): "子浩宇轩梓博文睿泽铭俊涵一晨航昊辰宸奕皓嘉逸然天祺诚豪恒佑",
    ("F", 0): "秀英兰芳珍凤玉梅华霞红琴云萍美金彩素桂月娟丽琴仙",
    ("F", 1): "丽静敏燕艳娟婷霞玲芳娜倩雪慧颖洁琳莉晶丹佳欣蕾萍红",
    ("F", 2): "子梓涵欣怡诗雨思可佳语萱妍悦琪馨若一嘉依梦晨彤雅",
}
HOMOPHONE = {
    "丽": "莉俐", "伟": "玮炜", "军": "君俊", "明": "铭鸣", "华": "骅化", "静": "婧", "芳": "方",
    "杰": "洁捷", "涛": "滔", "磊": "垒", "勇": "永", "娜": "那", "敏": "民", "燕": "艳雁", "红": "宏虹",
    "霞": "侠", "平": "萍苹", "刚": "钢", "辉": "晖", "建": "健剑", "国": "果", "志": "智治", "秀": "绣",
    "英": "瑛莹", "兰": "岚", "玲": "琳铃", "婷": "庭亭", "浩": "皓昊", "宇": "雨羽", "轩": "萱宣",
    "欣": "馨新", "怡": "宜仪", "涵": "晗含", "子": "紫梓", "鹏": "朋", "飞": "菲", "斌": "彬", "波": "博",
    "峰": "锋丰", "林": "琳霖", "晨": "辰", "佳": "嘉家", "雪": "学", "慧": "惠", "颖": "莹", "琴": "芹",
    "张": "章", "刘": "柳", "王": "汪", "杨": "阳", "徐": "许", "吴": "武", "周": "邹", "陈": "程",
    "黄": "王", "李": "理", "胡": "户", "俞": "余", "沈": "申", "金": "今", "钱": "前", "梅": "媚",
}
TRAD = {
    "张": "張", "陈": "陳", "刘": "劉", "杨": "楊", "黄": "黃", "赵": "趙", "吴": "吳", "孙": "孫", "马": "馬",
    "郑": "鄭", "冯": "馮", "华": "華", "国": "國", "东": "東", "红": "紅", "军": "軍", "伟": "偉", "丽": "麗",
    "强": "強", "兰": "蘭", "凤": "鳳", "龙": "龍", "云": "雲", "飞": "飛", "杰": "傑", "涛": "濤", "辉": "輝",
    "宁": "寧", "罗": "羅", "许": "許", "韩": "韓", "邓": "鄧", "叶": "葉", "苏": "蘇", "吕": "呂", "卢": "盧",
    "钟": "鍾", "谭": "譚", "陆": "陸", "贾": "賈", "韦": "韋", "邹": "鄒", "龚": "龔", "钱": "錢", "严": "嚴",
    "汤": "湯", "俊": "俊", "娟": "娟", "鹏": "鵬", "宝": "寶", "庆": "慶", "兴": "興", "贵": "貴", "欣": "欣",
    "艳": "艷", "玲": "玲", "燕": "燕", "丹": "丹", "凯": "凱", "鑫": "鑫", "晓": "曉", "亮": "亮", "静": "靜",
}
ADDR_TYPO = {"扬": "杨", "园": "圆", "家": "佳", "城": "成", "湖": "胡", "华": "花", "景": "京", "庭": "亭",
             "苑": "院", "桥": "乔", "阳": "洋", "明": "名", "新": "心", "江": "姜", "山": "三", "港": "巷",
             "梅": "每", "塘": "堂", "墅": "野", "渎": "读", "镜": "境", "迪": "笛", "鉴": "剑", "越": "跃"}

# GB/T 2260 county codes (codes as printed on ID cards, some pre-reform) -> text
LOCAL_REGIONS = [  # (code, text, weight, born_from, born_to)
    ("330602", "浙江省绍兴市越城区", 30, 1900, 2100),
    ("330621", "浙江省绍兴市绍兴县", 25, 1900, 2012),
    ("330603", "浙江省绍兴市柯桥区", 25, 2013, 2100),
    ("330682", "浙江省绍兴市上虞市", 15, 1900, 2012),
    ("330604", "浙江省绍兴市上虞区", 15, 2013, 2100),
    ("330681", "浙江省诸暨市", 6, 1900, 2100),
    ("330683", "浙江省嵊州市", 5, 1900, 2100),
    ("330624", "浙江省新昌县", 3, 1900, 2100),
]
MIGRANT_PROV = [  # (weight, [(code, text, ethnic choices)])
    (20, [("341221", "安徽省阜阳市临泉县", ""), ("341222", "安徽省阜阳市太和县", ""), ("341225", "安徽省阜阳市阜南县", ""),
          ("341226", "安徽省阜阳市颍上县", ""), ("341321", "安徽省宿州市砀山县", ""), ("341322", "安徽省宿州市萧县", ""),
          ("341323", "安徽省宿州市灵璧县", ""), ("340822", "安徽省安庆市怀宁县", ""), ("341524", "安徽省六安市金寨县", "")]),
    (15, [("411525", "河南省信阳市固始县", ""), ("411526", "河南省信阳市潢川县", ""), ("411522", "河南省信阳市光山县", ""),
          ("411528", "河南省信阳市息县", ""), ("412726", "河南省周口市郸城县", ""), ("412728", "河南省周口市沈丘县", ""),
          ("412725", "河南省周口市鹿邑县", "回"), ("411721", "河南省驻马店市西平县", "")]),
    (10, [("361128", "江西省上饶市鄱阳县", ""), ("361127", "江西省上饶市余干县", ""), ("360731", "江西省赣州市于都县", ""),
          ("360733", "江西省赣州市会昌县", ""), ("360121", "江西省南昌市南昌县", "")]),
    (12, [("522427", "贵州省毕节地区威宁彝族回族苗族自治县", "彝回苗"), ("522426", "贵州省毕节地区纳雍县", "苗彝"),
          ("522428", "贵州省毕节地区赫章县", "彝苗"), ("520221", "贵州省六盘水市水城县", "彝苗布依"),
          ("522321", "贵州省黔西南布依族苗族自治州兴义市", "布依苗")]),
    (10, [("511321", "四川省南充市南部县", ""), ("511322", "四川省南充市营山县", ""), ("511324", "四川省南充市仪陇县", ""),
          ("511623", "四川省广安市邻水县", ""), ("510121", "四川省成都市金堂县", ""), ("513021", "四川省达州市达县", "")]),
    (6, [("500234", "重庆市开县", ""), ("500235", "重庆市云阳县", ""), ("500236", "重庆市奉节县", ""), ("500233", "重庆市忠县", "")]),
    (6, [("430521", "湖南省邵阳市邵东县", ""), ("430523", "湖南省邵阳市邵阳县", ""), ("431121", "湖南省永州市祁阳县", ""),
         ("433127", "湖南省湘西土家族苗族自治州永顺县", "土家苗")]),
    (5, [("421122", "湖北省黄冈市红安县", ""), ("421125", "湖北省黄冈市浠水县", ""), ("421126", "湖北省黄冈市蕲春县", "")]),
    (4, [("532128", "云南省昭通市镇雄县", "彝苗"), ("530623", "云南省昭通市盐津县", "")]),
    (3, [("450923", "广西壮族自治区玉林市博白县", "壮"), ("450922", "广西壮族自治区玉林市陆川县", "壮")]),
    (6, [("330327", "浙江省温州市苍南县", ""), ("331082", "浙江省临海市", ""), ("330881", "浙江省江山市", "")]),
    (3, [("321322", "江苏省宿迁市沭阳县", ""), ("320721", "江苏省连云港市赣榆县", "")]),
    (2, [("621122", "甘肃省定西市陇西县", "回"), ("620521", "甘肃省天水市清水县", "回")]),
    (2, [("371322", "山东省临沂市郯城县", "")]),
]
ETHNIC_CODE = {"汉": "01", "蒙古": "02", "回": "03", "藏": "04", "维吾尔": "05", "苗": "06", "彝": "07", "壮": "08",
               "布依": "09", "土家": "15"}
TOWN_WORDS = "城关 新集 张集 李庄 王店 高庙 大桥 石桥 龙山 黄岗 白马 双河 杨湖 刘集 三河 柳沟 清水 马庄 陈楼 梅林".split()
DISTRICTS = [
    ("越城区", [("城南街道", "城南派出所"), ("北海街道", "北海派出所"), ("灵芝街道", "灵芝派出所"), ("府山街道", "府山派出所")]),
    ("柯桥区", [("柯桥街道", "柯桥派出所"), ("华舍街道", "华舍派出所"), ("齐贤街道", "齐贤派出所"), ("安昌街道", "安昌派出所")]),
    ("上虞区", [("曹娥街道", "曹娥派出所"), ("百官街道", "百官派出所")]),
]
ROADS = {
    "越城区": "解放南路 人民东路 胜利西路 延安路 环城南路 二环北路 越东路 中兴大道 城东路 迪荡路 镜湖大道 凤林西路 稽山路 北海路 灵芝路 府山路 塔山路 昌安路".split(),
    "柯桥区": "笛扬路 湖西路 金柯桥大道 群贤路 裕民路 鉴湖路 华舍大道 齐贤路 安昌路 柯北大道 杨汛路 兴越路 钱陶路 柯西路 育才路 万商路 双渎路 亭西路".split(),
    "上虞区": "百官大道 市民大道 舜江路 人民西路 曹娥路 江扬路 龙山路 半山路 五星路 凤山路".split(),
}
COMPOUND_NAMES = ("金色家园 阳光花园 锦绣江南 书香苑 翡翠城 东方名都 香樟苑 梅园新村 玉兰花园 和美家园 中梁首府 绿城玉园 "
                  "华宇府 鉴湖景园 世纪新城 银泰城 荷花苑 凤凰城 湖畔花园 水岸名邸 新城花苑 城南小区 北海小区 稽山新村 "
                  "迪荡新城 亲水湾 蓝天花园 紫薇苑 春晓苑 清水湾 柯岩花园 滨江华庭 江南一品 宝业四季园 万科城 金地自在城 "
                  "蓝印时代 融创公馆 众安府 华鸿公寓 越秀华庭 海棠苑 丁香苑 桂花园 樱花苑 枫林苑 景湖苑 中央公园").split()
COMMUNITY_BASE = ("笛扬 湖西 柯南 蓝天 鉴湖 塔山 大善 仓桥 都泗 东池 兴越 城东 东湖 府山 北海 梅山 金柯 瓜渚 钱清 曹娥 百官 "
                  "舜江 龙山 江扬 华齐 安昌 城南 灵芝 迪荡 镜湖 亭西 双渎 柯桥 华舍 齐贤 稽山 越东 丰惠 新建 和平").split()
VILLAGE_NAMES = ("羊山村 前梅村 山头村 新港村 安华村 梅林村 大西庄村 湖塘村 钱陶村 华舍村 大渡村 塘头村 东浦村 赵家村 "
                 "下方桥村 马鞍村 寺东村 桑渎村 后墅村 江墅村 沈家村 徐家村 陶堰村 皋埠村 孙端村 上蒋村 丰惠村 章镇村").split()
VILLAGE_LANES = ["新村路", "前街", "后街", "中心路", "河西路", "村东路", "工业路", "沿河路"]
COMPANY_WORDS = ("恒大 永盛 天圣 华元 金鹰 兴达 宏远 越美 东盛 盛鑫 鼎盛 荣昌 万丰 通达 华宇 嘉欣 锦鸿 新天龙 海天 振兴 "
                 "永通 宝业 精工 卧龙 龙盛 闰土 海亮 迎丰 远东 富丽达 三力士 天马 创新 伟星 明达 华港 浙东 舜宇 晶盛").split()
INDUSTRY = "纺织 印染 服饰 机械 化纤 电子 五金 包装 建材 物流 食品 家纺 针织 轴承 电器".split()
HOTEL_CHAINS = ["如家酒店", "汉庭酒店", "7天连锁酒店", "锦江之星", "格林豪泰酒店", "城市便捷酒店", "维也纳酒店", "全季酒店", "尚客优酒店"]
MARKETS = ["中国轻纺城东市场", "中国轻纺城北联市场", "联合市场", "服装服饰市场", "东升路市场", "坯布市场", "农贸市场"]
SCHOOL_KINDS = [("小学", 6, 11), ("中学", 12, 15), ("幼儿园", 3, 5)]
PHONE_PREFIX = ("130 131 132 133 135 136 137 138 139 150 151 152 153 155 156 157 158 159 166 173 176 177 "
                "180 181 182 183 185 186 187 188 189 191 198 199").split()
UTILITIES = ["国网绍兴供电公司", "绍兴市水务集团", "绍兴市燃气有限公司"]

W_ID = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHK = "10X98765432"


def check_digit(s17):
    return CHK[sum(int(c) * w for c, w in zip(s17, W_ID)) % 11]


def id15_to_18(s):
    s17 = s[:6] + "19" + s[6:15]
    return s17 + check_digit(s17)


def normalise_id(s):
    s = (s or "").strip().upper().replace(" ", "")
    if len(s) == 15 and s.isdigit():
        return id15_to_18(s)
    return s


def parse_surnames():
    out = []
    for tok in SURNAMES_TXT.split():
        i = 0
        while not (tok[i].isdigit()):
            i += 1
        out.append((tok[:i], float(tok[i:])))
    return out


CN_DIG = "零一二三四五六七八九"


def cn_num(n):
    if n < 10:
        return CN_DIG[n]
    if n < 20:
        return "十" + (CN_DIG[n - 10] if n > 10 else "")
    if n < 100:
        return CN_DIG[n // 10] + "十" + (CN_DIG[n % 10] if n % 10 else "")
    return "".join(CN_DIG[int(c)] for c in str(n))


FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def wchoice(rng, items, weights):
    total = sum(weights)
    r = rng.random() * total
    acc = 0.0
    for it, w in zip(items, weights):
        acc += w
        if r < acc:
            return it
    return items[-1]


def poisson(rng, lam):
    if lam <= 0:
        return 0
    if lam > 30:
        return max(0, int(round(rng.gauss(lam, math.sqrt(lam)))))
    L = math.exp(-lam)
    k, p = 0, 1.0
    while True:
        p *= rng.random()
        if p < L:
            return k
        k += 1


def od(d):  # date -> ordinal
    return d.toordinal()


def ds(o):  # ordinal -> 'YYYY-MM-DD'
    return dt.date.fromordinal(o).isoformat()


# ============================================================ city builder
class City:
    def __init__(self, n, seed, as_of):
        self.N = n
        self.rng = random.Random(seed)
        self.as_of = od(as_of)
        self.S = self.as_of - WINDOW_DAYS
        self.addrs = {}          # code -> dict
        self.codes_used = set()
        self.ids_used = set()
        self.phones_used = set()
        self.persons = {}        # id -> dict
        self.hhs = []            # households
        self.surnames = parse_surnames()
        self.local_surnames = [(s, w * LOCAL_BOOST.get(s, 1.0)) for s, w in self.surnames]
        self.given_cache = {}
        for key, chars in GIVEN.items():
            # Zipf-like weights: earlier characters are more common
            self.given_cache[key] = (list(chars), [1.0 / (i + 1) ** 0.8 for i in range(len(chars))])

    # ---------------------------------------------------------------- ids & names
    def new_code(self):
        while True:
            c = "%016d" % self.rng.randrange(10 ** 15, 10 ** 16)
            if c not in self.codes_used:
                self.codes_used.add(c)
                return c

    def new_id(self, region, birth_o, sex):
        rng = self.rng
        b = dt.date.fromordinal(birth_o)
        while True:
            seq = rng.randint(0, 999)
            if (seq % 2 == 1) != (sex == "M"):
                seq = seq + 1 if seq < 999 else seq - 1
            s17 = "%s%s%03d" % (region, b.strftime("%Y%m%d"), seq)
            if s17 not in self.ids_used:
                self.ids_used.add(s17)
                return s17 + check_digit(s17)

    def new_phone(self):
        while True:
            p = self.rng.choice(PHONE_PREFIX) + "%08d" % self.rng.randrange(10 ** 8)
            if p not in self.phones_used:
                self.phones_used.add(p)
                return p

    def new_name(self, sex, birth_year, local, surname=None):
        rng = self.rng
        if surname is None:
            pool = self.local_surnames if local else self.surnames
            surname = wchoice(rng, [s for s, _ in pool], [w for _, w in pool])
        era = 0 if birth_year < 1975 else (1 if birth_year < 2003 else 2)
        chars, weights = self.given_cache[(sex, era)]
        p_single = {0: 0.35, 1: 0.42, 2: 0.18}[era]
        if rng.random() < p_single:
            given = wchoice(rng, chars, weights)
        elif rng.random() < 0.03:
            c = wchoice(rng, chars, weights)
            given = c + c
        else:
            # first character from the neighbouring era pool too (generation names)
            c1 = wchoice(rng, chars, weights)
            c2 = wchoice(rng, chars, weights)
            while c2 == c1:
                c2 = wchoice(rng, chars, weights)
            given = c1 + c2
        return surname + given

    def region_for(self, local, birth_year, prov=None):
        rng = self.rng
        if local:
            cands = [r for r in LOCAL_REGIONS if r[3] <= birth_year <= r[4]]
            r = wchoice(rng, cands, [c[2] for c in cands])
            return r[0], r[1], "汉"
        if prov is None:
            prov = wchoice(rng, MIGRANT_PROV, [p[0] for p in MIGRANT_PROV])
        code, text, eths = rng.choice(prov[1])
        eth = "汉"
        if eths and rng.random() < 0.45:
            opts = []
            i = 0
            while i < len(eths):  # split ethnic names (布依 and 土家 are two characters)
                if eths[i:i + 2] in ("布依", "土家"):
                    opts.append(eths[i:i + 2]); i += 2
                else:
                    opts.append(eths[i]); i += 1
            eth = rng.choice(opts)
        return code, text, eth

    def make_person(self, cat, sex, birth_o, local, hh=None, surname=None, prov=None, region=None):
        rng = self.rng
        by = dt.date.fromordinal(birth_o).year
        if region is None:
            code, text, eth = self.region_for(local, by, prov)
        else:
            code, text, eth = region
        pid = self.new_id(code, birth_o, sex)
        p = dict(id=pid, cat=cat, sex=sex, birth=birth_o, eth=eth, region=code, region_text=text,
                 name=self.new_name(sex, by, local, surname), local=local, hh=hh,
                 phone=self.new_phone() if by < 2014 else "", phone2="", phone_change=None,
                 spells=[], jobs=[], school=None, act=1.0, in_registry=True, regs=[], hukou=None)
        if p["phone"] and rng.random() < 0.12:
            p["phone2"] = self.new_phone()
            p["phone_change"] = rng.randint(self.S, self.as_of)
        r = rng.random()
        p["act"] = 0.0 if r < 0.12 else (0.3 if r < 0.42 else (1.0 if r < 0.85 else 3.0))
        self.persons[pid] = p
        return p

    def phone_at(self, p, t):
        if p["phone_change"] is not None and t >= p["phone_change"]:
            return p["phone2"]
        return p["phone"]

    def hukou_text_outside(self, p):
        rng = self.rng
        return "%s%s镇%s村%d组%d号" % (p["region_text"], rng.choice(TOWN_WORDS), rng.choice(TOWN_WORDS),
                                    rng.randint(1, 12), rng.randint(1, 120))

    # ---------------------------------------------------------------- geography
    def add_addr(self, **kw):
        code = self.new_code()
        a = dict(code=code, province="浙江省", city="绍兴市", district="", street="", community="", road="",
                 house_number="", building="", unit="", room="", police_station="", grid="",
                 kind="", compound="", village="", org="", b=0, u=0, floor=0, parent="", bkey="")
        a.update(kw)
        a["code"] = code
        a["bkey"] = "|".join([a["district"], a["community"], a["road"], a["house_number"], a["building"]])
        a["full_address"] = self.full_address(a)
        self.addrs[code] = a
        return a

    def full_address(self, a):
        s = "浙江省绍兴市" + a["district"] + a["street"]
        if a["village"]:
            s += a["village"]
        s += a["road"] + a["house_number"]
        if a["compound"]:
            s += a["compound"]
        if a["kind"] in ("work", "hotel", "school", "shop", "shop_home") and a["org"]:
            s += a["org"] if a["kind"] != "shop" and a["kind"] != "shop_home" else ""
        s += a["building"] + a["unit"] + a["room"]
        return s

    def build_geo(self):
        rng, N = self.rng, self.N
        self.streets = []
        for dname, sts in DISTRICTS:
            for sname, ps in sts:
                self.streets.append((dname, sname, ps))
        road_next = defaultdict(lambda: rng.randint(1, 30))
        used_comm = set()
        comm_list = []  # insertion-ordered copy (sets iterate in hash order, which is not reproducible)

        def next_hn(d, road):
            k = (d, road)
            road_next[k] += rng.randint(2, 24)
            return "%d号" % road_next[k]

        def community_name(suffix):
            tries = 0
            while True:
                tries += 1
                base = rng.choice(COMMUNITY_BASE)
                if tries > 30:  # all plain names taken: 笛扬二社区, 笛扬三社区 ...
                    base += "二三四五六七八九"[min(7, tries // 30 - 1)]
                c = base + suffix
                if c not in used_comm:
                    used_comm.add(c)
                    comm_list.append(c)
                    return c

        self.compounds, self.villages, self.workplaces = [], [], []
        self.hotels, self.schools, self.dorms, self.shops = [], [], [], []
        # --- residential compounds (小区): ~0.33 apartments per resident
        target_apts = int(0.33 * N) + 40
        names = COMPOUND_NAMES[:]
        rng.shuffle(names)
        napts, ci = 0, 0
        comm_for_street = {}
        while napts < target_apts:
            d, st, ps = rng.choice(self.streets)
            name = names[ci % len(names)] + ("" if ci < len(names) else ("二期", "三期", "四期", "五期")[min(3, ci // len(names) - 1)])
            ci += 1
            key = (d, st)
            if key not in comm_for_street or rng.random() < 0.5:
                comm_for_street[key] = community_name("社区")
            comm = comm_for_street[key]
            road = rng.choice(ROADS[d])
            hn = next_hn(d, road)
            old = rng.random() < 0.45
            nb = rng.randint(2, 6) if N < 3000 else rng.randint(3, 8)
            floors = 6 if old else rng.choice([11, 15, 18])
            units = rng.choice([2, 3]) if old else rng.choice([1, 2])
            rpf = 2 if old else rng.choice([2, 3, 4])
            gates = rng.sample(["东门", "南门", "西门", "北门"], rng.choice([1, 2, 2, 3]))
            comp = self.add_addr(kind="compound", district=d, street=st, community=comm, road=road, house_number=hn,
                                 compound=name, police_station=ps, grid=comm + "第1网格")
            comp.update(gates=gates, old=old, buildings=[], apts=[], face=(rng.random() < 0.6))
            for b in range(1, nb + 1):
                grid = "%s第%d网格" % (comm, 1 + (b - 1) // 4)
                bl = self.add_addr(kind="bldg", district=d, street=st, community=comm, road=road, house_number=hn,
                                   compound=name, building="%d幢" % b, b=b, police_station=ps, grid=grid, parent=comp["code"])
                bl.update(units=units, door=(rng.random() < (0.40 if old else 0.20)), apts=[])
                comp["buildings"].append(bl["code"])
                for u in range(1, units + 1):
                    for f in range(1, floors + 1):
                        for r in range(1, rpf + 1):
                            room = "%d%02d室" % (f, r)
                            ap = self.add_addr(kind="apt", district=d, street=st, community=comm, road=road,
                                               house_number=hn, compound=name, building="%d幢" % b, unit="%d单元" % u,
                                               room=room, b=b, u=u, floor=f, police_station=ps, grid=grid,
                                               parent=bl["code"])
                            ap.update(lock=False, owner=None)
                            bl["apts"].append(ap["code"])
                            comp["apts"].append(ap["code"])
                            napts += 1
            self.compounds.append(comp)
        # --- villages with self-built houses (自建房), rented room by room
        target_rooms = int(0.24 * N) + 30
        vnames = VILLAGE_NAMES[:]
        rng.shuffle(vnames)
        nrooms, vi = 0, 0
        while nrooms < target_rooms:
            d, st, ps = rng.choice([s for s in self.streets if s[0] != "越城区" or rng.random() < 0.4])
            vname = vnames[vi % len(vnames)]
            if vi >= len(vnames):
                vname = vname[:-1] + "%s村" % ("一二三四五六七八九"[min(8, vi // len(vnames) - 1)])
            vi += 1
            lanes = rng.sample(VILLAGE_LANES, rng.randint(2, 4))
            vil = dict(name=vname, district=d, street=st, ps=ps, houses=[], face=(rng.random() < 0.5))
            va = self.add_addr(kind="village", district=d, street=st, community=vname, village=vname,
                               police_station=ps, grid=vname + "第1网格")
            vil["code"] = va["code"]
            nh = rng.randint(15, 45)
            for h in range(nh):
                lane = rng.choice(lanes)
                hn = next_hn(d + vname, lane)
                grid = "%s第%d网格" % (vname, 1 + h // 12)
                house = self.add_addr(kind="vhouse", district=d, street=st, community=vname, village=vname, road=lane,
                                      house_number=hn, police_station=ps, grid=grid)
                floors = rng.choice([3, 3, 4, 4, 5])
                rpf = rng.choice([2, 3, 3, 4])
                house.update(door=(rng.random() < 0.65), rooms=[], floors=floors, owner=None, vcode=va["code"])
                no_rooms_in_library = rng.random() < 0.06
                house["no_rooms"] = no_rooms_in_library
                if not no_rooms_in_library:
                    for f in range(1, floors + 1):
                        for r in range(1, rpf + 1):
                            if f == 1 and r == 1:
                                continue  # landlord's own rooms
                            room = self.add_addr(kind="vroom", district=d, street=st, community=vname, village=vname,
                                                 road=lane, house_number=hn, room="%d%02d室" % (f, r), floor=f,
                                                 police_station=ps, grid=grid, parent=house["code"])
                            room.update(lock=(rng.random() < 0.25))
                            house["rooms"].append(room["code"])
                            nrooms += 1
                vil["houses"].append(house["code"])
            self.villages.append(vil)
        # --- workplaces: factories (some with dormitories), companies, restaurants, sites, market shops
        def company_name():
            return "绍兴%s%s有限公司" % (rng.choice(COMPANY_WORDS), rng.choice(INDUSTRY))

        used_org = set()

        def uniq(fn):
            for _ in range(50):
                n = fn()
                if n not in used_org:
                    used_org.add(n)
                    return n
            n = fn() + "%d分公司" % len(used_org)
            used_org.add(n)
            return n

        n_fact = max(6, N // 180)
        for i in range(n_fact):
            d, st, ps = rng.choice(self.streets)
            road = rng.choice(ROADS[d])
            org = uniq(company_name)
            w = self.add_addr(kind="work", district=d, street=st, community=community_name("社区") if rng.random() < 0.3 else rng.choice(comm_list),
                              road=road, house_number=next_hn(d, road), org=org, police_station=ps)
            w.update(wtype="factory", formal=0.7, dorm=None)
            self.workplaces.append(w)
        # dormitories for some factories: ~0.012 dorm rooms per resident
        n_dorm_rooms = int(0.012 * N) + 6
        facts = [w for w in self.workplaces]
        rng.shuffle(facts)
        k = 0
        while n_dorm_rooms > 0 and k < len(facts):
            f = facts[k]; k += 1
            nb = rng.randint(1, 2)
            f["dorm"] = []
            for b in range(1, nb + 1):
                bl = self.add_addr(kind="dorm_bldg", district=f["district"], street=f["street"], community=f["community"],
                                   road=f["road"], house_number=f["house_number"], org=f["org"], building="宿舍%d幢" % b,
                                   b=b, police_station=f["police_station"])
                bl.update(door=(rng.random() < 0.8), rooms=[], factory=f["code"])
                nfl, rpf = rng.choice([3, 4, 5]), rng.choice([6, 8, 10])
                for fl in range(1, nfl + 1):
                    for r in range(1, rpf + 1):
                        rm = self.add_addr(kind="dorm_room", district=f["district"], street=f["street"],
                                           community=f["community"], road=f["road"], house_number=f["house_number"],
                                           org=f["org"], building="宿舍%d幢" % b, room="%d%02d室" % (fl, r), b=b, floor=fl,
                                           police_station=f["police_station"], parent=bl["code"])
                        rm.update(factory=f["code"])
                        bl["rooms"].append(rm["code"])
                        f["dorm"].append(rm["code"])
                        n_dorm_rooms -= 1
                self.dorms.append(bl)
        for i in range(max(6, N // 200)):
            d, st, ps = rng.choice(self.streets)
            road = rng.choice(ROADS[d])
            kind = wchoice(rng, ["company", "restaurant", "site", "public"], [40, 25, 15, 20])
            if kind == "company":
                org = uniq(lambda: "浙江%s%s有限公司" % (rng.choice(COMPANY_WORDS), rng.choice(["科技", "贸易", "商贸", "网络", "物业", "建设", "医药"])))
                formal = 0.85
            elif kind == "restaurant":
                org = uniq(lambda: "%s%s" % (rng.choice(["老绍兴", "咸亨", "兰州", "沙县", "川味", "湘菜", "东北", "越味", "小胖"]),
                                             rng.choice(["酒家", "饭店", "拉面馆", "小吃店", "面馆", "大排档"])))
                formal = 0.25
            elif kind == "site":
                org = uniq(lambda: "%s建设有限公司%s项目部" % (rng.choice(COMPANY_WORDS), rng.choice(COMPOUND_NAMES)))
                formal = 0.2
            else:
                org = uniq(lambda: rng.choice(["绍兴市人民医院", "绍兴市中医院", "%s街道办事处" % st, "%s人民法院" % d,
                                               "%s税务局" % d, "绍兴银行%s支行" % st[:2], "中国移动%s营业厅" % st[:2]]))
                formal = 0.98
            w = self.add_addr(kind="work", district=d, street=st, community=rng.choice(comm_list), road=road,
                              house_number=next_hn(d, road), org=org, police_station=ps)
            w.update(wtype=kind, formal=formal, dorm=None)
            self.workplaces.append(w)
        # market shops; some are lived in (三合一: shop, store and home)
        n_shops = max(20, N // 25)
        mk = rng.sample(MARKETS, min(len(MARKETS), max(2, N // 3000 + 2)))
        for i in range(n_shops):
            m = rng.choice(mk)
            d, st, ps = ("柯桥区", "柯桥街道", "柯桥派出所") if "轻纺城" in m else rng.choice(self.streets)
            zone = rng.choice("ABCDEF")
            num = rng.randint(1, 400)
            owner_name = rng.choice(["%s%s布行", "%s%s服饰", "%s%s家纺", "%s%s五金店", "%s%s水果店", "%s%s便利店"]) % (
                rng.choice(COMPANY_WORDS), "")
            org = uniq(lambda: owner_name if owner_name not in used_org else owner_name.replace("店", "") + "%d号店" % num)
            live_in = rng.random() < 0.45
            a = self.add_addr(kind="shop_home" if live_in else "shop", district=d, street=st, community=m, road=m,
                              house_number="%s区%d号" % (zone, num), org=org, police_station=ps)
            a.update(wtype="shop", formal=0.15, market=m, zone=zone, num=num, dorm=None)
            self.shops.append(a)
            self.workplaces.append(a)
        # hotels
        for i in range(max(3, N // 700)):
            d, st, ps = rng.choice(self.streets)
            road = rng.choice(ROADS[d])
            if rng.random() < 0.6:
                org = uniq(lambda: "%s(%s%s店)" % (rng.choice(HOTEL_CHAINS), d[:2], rng.choice([road[:2], st[:2], "万达", "轻纺城", "高铁站", "汽车站"])))
            else:
                org = uniq(lambda: "%s%s" % (rng.choice(COMPANY_WORDS + ["如意", "平安", "温馨", "悦来", "富豪"]), rng.choice(["宾馆", "旅馆", "商务宾馆", "大酒店", "公寓酒店"])))
            h = self.add_addr(kind="hotel", district=d, street=st, community=rng.choice(comm_list), road=road,
                              house_number=next_hn(d, road), org=org, police_station=ps)
            self.hotels.append(h)
        # schools
        for sk, a0, a1 in SCHOOL_KINDS:
            n = max(2, N // (1800 if sk == "小学" else (3000 if sk == "中学" else 1500)))
            for i in range(n):
                d, st, ps = rng.choice(self.streets)
                road = rng.choice(ROADS[d])
                base = rng.choice([d[:2] + "实验", st[:2], rng.choice(COMMUNITY_BASE), d[:2] + "区第%s" % cn_num(i + 1),
                                   st[:2] + "新民工子弟" if sk == "小学" else st[:2]])
                org = uniq(lambda: "%s%s%s" % ("绍兴市" if rng.random() < 0.3 else "", base, "学校" if "子弟" in base else sk))
                s = self.add_addr(kind="school", district=d, street=st, community=rng.choice(comm_list), road=road,
                                  house_number=next_hn(d, road), org=org, police_station=ps)
                s.update(skind=sk, age0=a0, age1=a1, migrant_school=("子弟" in org))
                self.schools.append(s)
        # lock on rental apartments set later (depends on ownership)

    # ---------------------------------------------------------------- population & history
    def birth_for_age(self, age_lo, age_hi):
        age = self.rng.uniform(age_lo, age_hi + 0.999)
        return self.as_of - int(age * 365.25)

    def build_people(self):
        rng, N = self.rng, self.N
        S, T = self.S, self.as_of
        apts = [c for comp in self.compounds for c in comp["apts"]]
        rng.shuffle(apts)
        houses = [h for v in self.villages for h in v["houses"]]
        rng.shuffle(houses)
        self.occ = defaultdict(list)  # address code -> list of hh index
        self.free_apts = apts[:]     # not yet owned
        # ---------------- locals
        n_local = int(0.44 * N)
        count = 0
        local_hhs = []
        while count < n_local:
            t = wchoice(rng, ["c1", "c2", "c0", "old2", "old1", "three", "single", "grown"],
                        [28, 14, 9, 14, 8, 14, 6, 7])
            members = []
            sur = None
            def adult(sex, lo, hi, surname=None):
                return self.make_person("local", sex, self.birth_for_age(lo, hi), True, surname=surname)
            if t in ("c1", "c2", "c0", "three"):
                h = adult("M", 27, 52)
                age_h = (T - h["birth"]) / 365.25
                w = adult("F", max(24, age_h - 6), min(age_h + 3, 60))
                sur = h["name"][0] if len(h["name"]) < 4 else h["name"][:2]
                members += [h, w]
                nk = {"c1": 1, "c2": 2, "c0": 0, "three": rng.choice([1, 2])}[t]
                for k in range(nk):
                    kid_age_max = min(17, age_h - 23)
                    if kid_age_max < 0:
                        continue
                    members.append(self.make_person("local", rng.choice("MF"), self.birth_for_age(0, kid_age_max), True,
                                                    surname=sur if rng.random() < 0.93 else None))
                if t == "three":
                    members.append(adult("F", max(60, age_h + 22), min(88, age_h + 34)))
                    if rng.random() < 0.6:
                        members.append(adult("M", max(62, age_h + 24), min(90, age_h + 36), surname=sur))
            elif t == "old2":
                members.append(adult("M", 60, 85))
                members.append(adult("F", 58, 85))
            elif t == "old1":
                members.append(adult("F", 62, 90) if rng.random() < 0.6 else adult("M", 60, 88))
            elif t == "single":
                members.append(adult(rng.choice("MF"), 22, 45))
            else:  # grown: parents 48-62 with an adult child 19-30 (who often lives elsewhere)
                h = adult("M", 48, 62)
                w = adult("F", 46, 60)
                sur = h["name"][0] if len(h["name"]) < 4 else h["name"][:2]
                c = self.make_person("local", rng.choice("MF"), self.birth_for_age(19, 30), True, surname=sur)
                members += [h, w, c]
            hh = dict(idx=len(self.hhs), local=True, members=[m["id"] for m in members], type=t, home=None,
                      htype=None, present=True, single=len(members) == 1)
            for m in members:
                m["hh"] = hh["idx"]
            self.hhs.append(hh)
            local_hhs.append(hh)
            count += len(members)
        # homes of locals: 78% own apartment, 22% village house (landlord)
        self.village_landlords = {}
        for hh in local_hhs:
            if rng.random() < 0.22 and houses:
                home = houses.pop()
                hh["htype"] = "vhouse"
                self.addrs[home]["owner"] = hh["members"][0]
            else:
                home = self.free_apts.pop()
                hh["htype"] = "own_apt"
                self.addrs[home]["owner"] = hh["members"][0]
            hh["home"] = home
            self.occ[home].append(hh["idx"])
            start = rng.randint(od(dt.date(1995, 1, 1)), S - 30)
            for pid in hh["members"]:
                p = self.persons[pid]
                p["spells"].append([home, max(start, p["birth"]), None, ""])
            # extra owned apartments rented out (以房管人: the owner is not the occupant)
            if hh["htype"] == "own_apt" and rng.random() < 0.45:
                for _ in range(rng.choice([1, 1, 2])):
                    if self.free_apts:
                        a = self.free_apts.pop()
                        self.addrs[a]["owner"] = hh["members"][0]
        # houses not taken by locals still have a (non-resident) local owner
        local_adults = [pid for hh in local_hhs for pid in hh["members"] if (T - self.persons[pid]["birth"]) > 30 * 365]
        for h in houses:
            self.addrs[h]["owner"] = rng.choice(local_adults)
        for a in self.free_apts:
            self.addrs[a]["owner"] = rng.choice(local_adults)
        # owner-occupied apartments are not for rent; rentals are every other apartment
        self.rent_apts = [c for c in apts if not self.occ.get(c)]
        for c in self.rent_apts:
            self.addrs[c]["lock"] = rng.random() < 0.2
        self.vrooms = [r for v in self.villages for h in v["houses"] for r in self.addrs[h]["rooms"]]
        self.vhouses_norooms = [h for v in self.villages for h in v["houses"] if self.addrs[h]["no_rooms"]]
        self.dorm_rooms = [r for d in self.dorms for r in d["rooms"]]
        self.shop_homes = [s["code"] for s in self.shops if s["kind"] == "shop_home"]
        # local hukou (registered address): usually the current home, sometimes an older address
        for hh in local_hhs:
            r = rng.random()
            if r < 0.11:
                hk = rng.choice(apts + [h for v in self.villages for h in v["houses"]])
                hh["hukou"] = hk if hk != hh["home"] else hh["home"]
            else:
                hh["hukou"] = hh["home"]
            for pid in hh["members"]:
                self.persons[pid]["hukou"] = hh["hukou"]
        # grown children who live outside the city (hukou still here) -> not residents
        for hh in local_hhs:
            if hh["type"] == "grown":
                c = self.persons[hh["members"][2]]
                if rng.random() < 0.45:
                    c["cat"] = "local_away"
                    c["spells"] = []
                    hh["members"] = hh["members"][:2]
                    c["away_visits"] = rng.random() < 0.5  # comes home for Spring Festival
        # ---------------- migrants
        n_mig = N - sum(1 for p in self.persons.values() if p["cat"] == "local")
        mig_count = 0
        self.mig_hhs = []
        while mig_count < n_mig:
            t = wchoice(rng, ["single", "couple", "family"], [55, 20, 25])
            prov = wchoice(rng, MIGRANT_PROV, [p[0] for p in MIGRANT_PROV])
            members = []
            if t == "single":
                sex = "M" if rng.random() < 0.6 else "F"
                members.append(self.make_person("migrant", sex, self.birth_for_age(18, 50 if rng.random() < 0.85 else 60), False, prov=prov))
            else:
                h = self.make_person("migrant", "M", self.birth_for_age(22, 52), False, prov=prov)
                age_h = (T - h["birth"]) / 365.25
                w = self.make_person("migrant", "F", self.birth_for_age(max(20, age_h - 7), min(age_h + 2, 55)), False,
                                     prov=prov if rng.random() < 0.8 else None)
                members += [h, w]
                if t == "family":
                    sur = h["name"][0] if len(h["name"]) < 4 else h["name"][:2]
                    nk = wchoice(rng, [1, 2, 3], [55, 38, 7])
                    for k in range(nk):
                        kmax = min(15, age_h - 21)
                        if kmax < 0:
                            continue
                        members.append(self.make_person("migrant", rng.choice("MF"), self.birth_for_age(0, kmax), False,
                                                        surname=sur, region=(h["region"], h["region_text"], h["eth"])))
            present = rng.random() < 0.72
            arrive = rng.randint(S - 1500, S - 20) if present else rng.randint(S + 1, T - 3)
            hh = dict(idx=len(self.hhs), local=False, members=[m["id"] for m in members], type=t, home=None,
                      htype=None, present=False, arrive=arrive, single=(t == "single"), prov=prov)
            for m in members:
                m["hh"] = hh["idx"]
                m["hukou_text"] = self.hukou_text_outside(m)
                if rng.random() < 0.05:
                    m["in_registry"] = False
            # children share the hukou address of the father
            for m in members[1:]:
                if m["region"] == members[0]["region"] and rng.random() < 0.8:
                    m["hukou_text"] = members[0]["hukou_text"]
            self.hhs.append(hh)
            self.mig_hhs.append(hh)
            mig_count += len(members)
        # ---------------- event simulation
        self.simulate()

    def pick_home_type(self, hh):
        rng = self.rng
        if hh["type"] == "single":
            return wchoice(rng, ["vroom", "share_apt", "dorm", "shop"], [45, 20, 25, 10])
        if hh["type"] == "couple":
            return wchoice(rng, ["vroom", "apt", "shop"], [55, 25, 20])
        return wchoice(rng, ["vroom", "apt", "shop"], [48, 42, 10])

    def can_take(self, code, hh, htype):
        occ = self.occ.get(code, [])
        if not occ:
            return True
        if htype == "share_apt":
            return len(occ) < 3 and all(self.hhs[i]["single"] and self.hhs[i]["htype"] == "share_apt" for i in occ)
        if htype == "dorm":
            n = sum(len(self.hhs[i]["members"]) for i in occ)
            return n < 6
        return False

    def find_home(self, hh, htype, exclude=None):
        rng = self.rng
        pool = {"vroom": self.vrooms, "share_apt": self.rent_apts, "apt": self.rent_apts, "dorm": self.dorm_rooms,
                "shop": self.shop_homes}[htype]
        if htype == "vroom" and self.vhouses_norooms and rng.random() < 0.07:
            pool = self.vhouses_norooms
            htype = "vhouse_rent"
        for _ in range(60):
            c = rng.choice(pool)
            if c == exclude:
                continue  # a move goes somewhere else
            if htype == "vhouse_rent":
                if len(self.occ.get(c, [])) < 4:
                    return c, htype
                continue
            if self.can_take(c, hh, htype):
                return c, htype
        return None, htype

    def place(self, hh, t, exclude=None):
        rng = self.rng
        htype = self.pick_home_type(hh) if (hh["htype"] is None or rng.random() < 0.35) else hh["htype"]
        if htype == "vhouse_rent":
            htype = "vroom"
        code, htype = self.find_home(hh, htype, exclude)
        if code is None:
            for alt in ("vroom", "apt", "share_apt", "dorm"):
                if alt == "share_apt" and not hh["single"]:
                    continue
                if alt == "dorm" and not hh["single"]:
                    continue
                code, htype = self.find_home(hh, alt, exclude)
                if code:
                    break
        if code is None:
            return False
        hh["home"], hh["htype"] = code, htype
        self.occ[code].append(hh["idx"])
        for pid in hh["members"]:
            self.persons[pid]["spells"].append([code, t, None, ""])
        return True

    def unplace(self, hh, t, reason):
        code = hh["home"]
        if code is not None:
            self.occ[code].remove(hh["idx"])
            for pid in hh["members"]:
                sp = self.persons[pid]["spells"][-1]
                sp[2], sp[3] = t, reason
        hh["home"] = None

    def simulate(self):
        rng = self.rng
        S, T = self.S, self.as_of
        heap = []
        seq = 0
        MIG_LEAVE = 0.024 / 30
        MIG_MOVE = 0.013 / 30
        LOC_MOVE = 0.0025 / 30
        LOC_LEAVE_YOUNG = 0.004 / 30

        def push(t, kind, idx):
            nonlocal seq
            seq += 1
            heapq.heappush(heap, (t, seq, kind, idx))

        def schedule(hh, now):
            if hh["local"]:
                tm = now + 1 + int(rng.expovariate(LOC_MOVE))
                if tm <= T:
                    push(tm, "move", hh["idx"])
                return
            tl = now + 1 + int(rng.expovariate(MIG_LEAVE))
            tm = now + 1 + int(rng.expovariate(MIG_MOVE))
            if min(tl, tm) <= T:
                push(min(tl, tm), "leave" if tl <= tm else "move", hh["idx"])

        for hh in self.hhs:
            if hh["local"]:
                schedule(hh, S)
                for pid in hh["members"]:
                    p = self.persons[pid]
                    age = (S - p["birth"]) / 365.25
                    if 18 <= age <= 30:
                        tl = S + 1 + int(rng.expovariate(LOC_LEAVE_YOUNG))
                        if tl <= T:
                            push(tl, "pleave", pid)
        # initial migrants placed at their arrival date (before the window), in arrival order
        init = sorted([h for h in self.mig_hhs if h["arrive"] < S], key=lambda h: h["arrive"])
        for hh in init:
            if self.place(hh, hh["arrive"]):
                hh["present"] = True
                schedule(hh, S)
            else:
                hh["dropped"] = True
        for hh in self.mig_hhs:
            if hh["arrive"] >= S:
                push(hh["arrive"], "arrive", hh["idx"])
        while heap:
            t, _, kind, idx = heapq.heappop(heap)
            if kind == "pleave":
                p = self.persons[idx]
                hh = self.hhs[p["hh"]]
                if idx in hh["members"] and len(hh["members"]) > 1 and p["spells"] and p["spells"][-1][2] is None:
                    p["spells"][-1][2], p["spells"][-1][3] = t, "left"
                    hh["members"].remove(idx)
                continue
            hh = self.hhs[idx]
            if kind == "arrive":
                if self.place(hh, t):
                    hh["present"] = True
                    schedule(hh, t)
                else:
                    hh["dropped"] = True
            elif kind == "leave":
                self.unplace(hh, t, "left")
                hh["present"] = False
            elif kind == "move":
                old = hh["home"]
                if hh["local"]:
                    # locals buy/rent another apartment in the city
                    for _ in range(60):
                        c = rng.choice(self.rent_apts)
                        if not self.occ.get(c):
                            self.unplace(hh, t, "moved")
                            hh["home"] = c
                            self.occ[c].append(hh["idx"])
                            for pid in hh["members"]:
                                self.persons[pid]["spells"].append([c, t, None, ""])
                            break
                else:
                    self.unplace(hh, t, "moved")
                    if not self.place(hh, t, exclude=old):
                        # nothing free: they leave the city instead
                        for pid in hh["members"]:
                            sp = self.persons[pid]["spells"][-1]
                            if sp[2] == t:
                                sp[3] = "left"
                        hh["present"] = False
                        continue
                schedule(hh, t)
        # drop migrants who never found a home (rare) from the resident population
        for hh in self.mig_hhs:
            if hh.get("dropped"):
                for pid in hh["members"]:
                    del self.persons[pid]

    # ---------------------------------------------------------------- jobs & schools
    def build_jobs(self):
        rng = self.rng
        S, T = self.S, self.as_of
        nondorm_work = [w for w in self.workplaces if w["kind"] == "work"]
        factories = [w for w in nondorm_work if w.get("wtype") == "factory"]
        shops = [w for w in self.workplaces if w["kind"] in ("shop", "shop_home")]
        by_code = {w["code"]: w for w in self.workplaces}
        for p in list(self.persons.values()):
            if not p["spells"]:
                continue
            age = (T - p["birth"]) / 365.25
            if age < 18 or age > 62:
                continue
            hh = self.hhs[p["hh"]]
            if p["local"]:
                if age < 22 or rng.random() > 0.82:
                    continue
                w = rng.choice(nondorm_work)
                start = rng.randint(S - 3000, T - 30)
                p["jobs"].append([w["code"], max(start, p["spells"][0][1]), None, rng.random() < 0.92])
                if rng.random() < 0.12:  # one job change in the window
                    tc = rng.randint(S, T)
                    if tc > p["jobs"][-1][1]:
                        p["jobs"][-1][2] = tc
                        w2 = rng.choice(nondorm_work)
                        p["jobs"].append([w2["code"], tc + rng.randint(0, 40), None, rng.random() < 0.92])
                continue
            # migrants: job follows each spell
            mother_home = (p["sex"] == "F" and hh["type"] == "family" and rng.random() < 0.3)
            if mother_home:
                continue
            cur = None
            for sp in p["spells"]:
                home = self.addrs[sp[0]]
                end = sp[2]
                if home["kind"] == "dorm_room":
                    w = by_code[home["factory"]]
                elif home["kind"] == "shop_home":
                    w = home
                elif cur is not None and rng.random() < 0.6:
                    w = cur
                else:
                    w = wchoice(rng, [rng.choice(factories), rng.choice(nondorm_work), rng.choice(shops)], [45, 35, 20])
                formal = rng.random() < w.get("formal", 0.5)
                if p["jobs"] and p["jobs"][-1][0] == w["code"] and p["jobs"][-1][2] is None:
                    p["jobs"][-1][2] = end
                else:
                    if p["jobs"] and p["jobs"][-1][2] is None:
                        p["jobs"][-1][2] = sp[1]
                    p["jobs"].append([w["code"], sp[1] + rng.randint(0, 20), end, formal])
                cur = w
        # schools for children
        for p in self.persons.values():
            if not p["spells"]:
                continue
            age = (T - p["birth"]) / 365.25
            if age < 3 or age > 15.99:
                continue
            if not p["local"] and rng.random() > 0.85:
                continue
            home = self.addrs[p["spells"][0][0]]
            kindname = "幼儿园" if age < 6 else ("小学" if age < 12 else "中学")
            cands = [s for s in self.schools if s["skind"] == kindname]
            if not p["local"]:
                mig = [s for s in cands if s["migrant_school"]]
                if mig and rng.random() < 0.4:
                    cands = mig
            same = [s for s in cands if s["district"] == home["district"]]
            p["school"] = rng.choice(same or cands)["code"]

    # ---------------------------------------------------------------- registrations
    def build_registrations(self):
        rng = self.rng
        S, T = self.S, self.as_of
        self.regs = []
        reg_seq = [0]

        def new_reg(p, code, t, status, free_text=None, kind="migrant"):
            reg_seq[0] += 1
            a = self.addrs[code]
            yr = dt.date.fromordinal(t).year
            rid = "%s%d%06d" % ({"越城区": "YC", "柯桥区": "KQ", "上虞区": "SY"}[a["district"]], yr,
                                rng.randrange(10 ** 6))
            r = dict(rid=rid + "%02d" % (reg_seq[0] % 100), pid=p["id"], code=code, t=t, status=status,
                     free=free_text, kind=kind)
            self.regs.append(r)
            p["regs"].append(r)
            return r

        # locals: their hukou registration (long ago), transfers when moving (rare)
        for p in list(self.persons.values()):
            if not p["local"]:
                continue
            hk = p["hukou"]
            t0 = max(p["birth"] + rng.randint(0, 60), od(dt.date(1990, 1, 1)) + rng.randint(0, 9000))
            t0 = min(t0, S - 10) if p["birth"] < S - 10 else min(p["birth"] + 20, T)
            r = new_reg(p, hk, t0, "active", kind="hukou")
            # moves inside the window: 20% transfer
            for sp in p["spells"][1:]:
                if sp[1] >= S and rng.random() < 0.2:
                    r["status"] = "cancelled"
                    tr = sp[1] + rng.randint(10, 90)
                    if tr <= T:
                        r = new_reg(p, sp[0], tr, "active", kind="hukou")
                    else:
                        r["status"] = "active"
        # migrants: per spell
        reg_prob = {"dorm": 0.85, "shop": 0.6, "vroom": 0.62, "vhouse_rent": 0.5, "apt": 0.72, "share_apt": 0.6}
        for hh in self.mig_hhs:
            if hh.get("dropped"):
                continue
            members = [self.persons[pid] for pid in hh["members"] if pid in self.persons]
            # households that split keep their own spells; use the head's spell list as the template
            for p in members:
                prev_reg = None
                for si, sp in enumerate(p["spells"]):
                    code, start, end, why = sp
                    a = self.addrs[code]
                    htype = {"dorm_room": "dorm", "shop_home": "shop", "vroom": "vroom", "vhouse": "vhouse_rent",
                             "apt": "apt"}[a["kind"]]
                    pr = reg_prob.get(htype, 0.6)
                    if (T - p["birth"]) / 365.25 < 16:
                        pr *= 0.8
                    r = None
                    if rng.random() < pr:
                        u = rng.random()
                        delay = rng.randint(0, 7) if u < 0.6 else (rng.randint(8, 60) if u < 0.9 else rng.randint(61, 300))
                        tr = start + delay
                        if tr <= T and (end is None or tr < end):
                            free = None
                            if rng.random() < 0.15:
                                free = render_address(self, a, "reg", rng, "room")
                            r = new_reg(p, code, tr, "active", free)
                            if rng.random() < 0.01:  # duplicate declaration by landlord and tenant
                                new_reg(p, code, tr + rng.randint(0, 5), "active", free)
                    # what happens to the previous registration at the end of the previous spell
                    if prev_reg is not None:
                        pc = 0.6 if r is not None else 0.35
                        if rng.random() < pc:
                            for rr in p["regs"]:
                                if rr["code"] == prev_reg["code"] and rr["status"] == "active" and rr["kind"] == "migrant":
                                    rr["status"] = "cancelled"
                    prev_reg = r
                    if end is not None and why == "left" and r is not None:
                        if rng.random() < 0.45 and end + rng.randint(0, 30) <= T:
                            for rr in p["regs"]:
                                if rr["code"] == code and rr["status"] == "active":
                                    rr["status"] = "cancelled"
                    if end is not None and why == "moved" and r is None:
                        prev_reg = None
                    # ensure prev_reg refers to the registration of this spell only if any
                # registrations before the last spell that were kept active stay active (stale)
        # historical cancelled registrations and "zombie" registrations of people gone before the window
        n_ghost = int(0.12 * self.N)
        homes = self.vrooms + self.rent_apts + self.dorm_rooms + self.shop_homes
        self.ghosts = []
        for i in range(n_ghost):
            sex = "M" if rng.random() < 0.6 else "F"
            p = self.make_person("ghost", sex, self.birth_for_age(19, 58), False)
            p["hukou_text"] = self.hukou_text_outside(p)
            p["in_registry"] = rng.random() < 0.9
            code = rng.choice(homes)
            t = rng.randint(S - 1500, S - 60)
            free = render_address(self, self.addrs[code], "reg", rng, "room") if rng.random() < 0.2 else None
            new_reg(p, code, t, "active", free)
            if rng.random() < 0.3:  # an earlier, properly cancelled one too
                code2 = rng.choice(homes)
                new_reg(p, code2, t - rng.randint(100, 700), "cancelled")
            self.ghosts.append(p)
        # some cancelled registrations of people who left long ago (clean history)
        for i in range(int(0.05 * self.N)):
            sex = "M" if rng.random() < 0.6 else "F"
            p = self.make_person("ghost", sex, self.birth_for_age(19, 58), False)
            p["hukou_text"] = self.hukou_text_outside(p)
            p["in_registry"] = rng.random() < 0.8
            new_reg(p, rng.choice(homes), rng.randint(S - 1500, S - 60), "cancelled")
        # unique registration ids
        seen = set()
        for r in self.regs:
            while r["rid"] in seen:
                r["rid"] = r["rid"][:-2] + "%02d" % rng.randrange(100)
                if r["rid"] in seen:
                    r["rid"] = r["rid"] + "A"
            seen.add(r["rid"])

    # ---------------------------------------------------------------- helpers for truth
    def home_at(self, p, t):
        for sp in p["spells"]:
            if sp[1] <= t and (sp[2] is None or t < sp[2]):
                return sp[0]
        return None

    def spell_at(self, p, t):
        for sp in p["spells"]:
            if sp[1] <= t and (sp[2] is None or t < sp[2]):
                return sp
        return None


# ============================================================ address rendering (department styles)
STYLE = {  # probability of dropping the province, city, district, street; style knobs
    "reg": dict(prov=0.5, city=0.3, dist=0.1, street=0.4, typo=0.02, fw=0.01, droproom=0.08),
    "door": dict(prov=0.9, city=0.7, dist=0.3, street=0.5, typo=0.02, fw=0.0, droproom=1.0),
    "lock": dict(prov=0.97, city=0.85, dist=0.6, street=0.8, typo=0.03, fw=0.0, droproom=0.05),
    "face": dict(prov=0.9, city=0.6, dist=0.3, street=0.5, typo=0.01, fw=0.0, droproom=1.0),
    "hotel": dict(prov=0.2, city=0.1, dist=0.05, street=0.6, typo=0.01, fw=0.02, droproom=1.0),
    "employment": dict(prov=0.4, city=0.2, dist=0.1, street=0.5, typo=0.02, fw=0.04, droproom=1.0),
    "school": dict(prov=0.6, city=0.3, dist=0.15, street=0.5, typo=0.03, fw=0.02, droproom=0.12),
    "utility": dict(prov=0.95, city=0.6, dist=0.2, street=0.7, typo=0.02, fw=0.0, droproom=0.03),
}


def bld_token(rng, b, src):
    r = rng.random()
    if src == "utility":
        return "%d幢" % b if r < 0.5 else "%d#" % b
    if r < 0.5:
        return "%d幢" % b
    if r < 0.7:
        return "%d号楼" % b
    if r < 0.82:
        return "%d栋" % b
    if r < 0.93:
        return "%s幢" % cn_num(b)
    return "%d座" % b


def unit_token(rng, u):
    r = rng.random()
    if r < 0.8:
        return "%d单元" % u
    if r < 0.95:
        return "%s单元" % cn_num(u)
    return ""


def room_token(rng, room):
    num = room.rstrip("室")
    r = rng.random()
    if r < 0.6:
        return num + "室"
    if r < 0.85:
        return num
    if r < 0.93:
        return num + "房"
    return num + "号"


def typo_text(rng, s, p):
    if rng.random() >= p:
        return s
    idx = [i for i, c in enumerate(s) if c in ADDR_TYPO]
    if not idx:
        return s
    i = rng.choice(idx)
    return s[:i] + ADDR_TYPO[s[i]] + s[i + 1:]


def render_address(city, a, src, rng, level):
    """Write address record `a` as department `src` would, down to `level`
    (room / unit / building / house / gate)."""
    st = STYLE[src]
    pre = ""
    if rng.random() > st["prov"]:
        pre += "浙江省"
    if rng.random() > st["city"]:
        pre += "绍兴市"
    if rng.random() > st["dist"]:
        pre += a["district"]
    if rng.random() > st["street"]:
        pre += a["street"]
    kind = a["kind"]
    body = ""
    if kind in ("apt", "bldg", "compound"):
        comp = a["compound"]
        r = rng.random()
        if r < 0.4:
            loc = a["road"] + a["house_number"] + comp
        elif r < 0.55:
            loc = a["road"] + a["house_number"]
        else:
            loc = comp
        if kind == "compound" or level == "gate":
            gates = city.addrs[a["code"]].get("gates") if kind == "compound" else None
            body = loc
            if level == "gate":
                body += rng.choice(gates or ["大门"]) + rng.choice(["", "", "人脸抓拍点", "卡口"])
        else:
            b, u = a["b"], a["u"]
            if kind == "apt" and level in ("room",) and (src in ("utility", "lock") and rng.random() < 0.55):
                body = "%s%d-%d-%s" % (loc, b, u, a["room"].rstrip("室"))
            else:
                body = loc + bld_token(rng, b, src)
                if kind == "apt" and level in ("room", "unit"):
                    body += unit_token(rng, u)
                    if level == "room" and rng.random() >= st["droproom"]:
                        body += room_token(rng, a["room"])
                elif kind == "bldg" and level == "unit":
                    pass
    elif kind in ("vhouse", "vroom", "village"):
        v = a["village"]
        r = rng.random()
        if r < 0.55:
            loc = v + a["road"] + a["house_number"]
        elif r < 0.8:
            loc = v + a["house_number"]
        else:
            loc = a["road"] + a["house_number"]
            if a["street"] not in pre:
                loc = v + loc
        if level == "gate" or kind == "village":
            body = v + rng.choice(["村口", "村口卡口", "东入口", "南入口"])
        else:
            body = loc
            if kind == "vroom" and level == "room" and rng.random() >= st["droproom"]:
                if rng.random() < 0.12:
                    body += "%s楼" % cn_num(a["floor"])
                else:
                    body += room_token(rng, a["room"])
    elif kind in ("dorm_room", "dorm_bldg"):
        org = a["org"]
        r = rng.random()
        short = org.replace("绍兴", "").replace("有限公司", "")
        loc = (a["road"] + a["house_number"]) if r < 0.4 else (org if r < 0.75 else short)
        body = loc + a["building"].replace("宿舍", "宿舍" if rng.random() < 0.7 else "宿舍楼")
        if kind == "dorm_room" and level == "room" and rng.random() >= st["droproom"]:
            body += room_token(rng, a["room"])
    elif kind in ("shop", "shop_home"):
        r = rng.random()
        if r < 0.6:
            body = a["market"] + a["house_number"]
        elif r < 0.85:
            body = a["market"] + "%s区%s号" % (a["zone"], a["num"]) + (a["org"] if rng.random() < 0.3 else "")
        else:
            body = "%s%d号商铺" % (a["zone"], a["num"])
            pre = pre or a["district"]
    else:  # work, hotel, school
        body = a["road"] + a["house_number"]
        if rng.random() < 0.25:
            body += "(%s)" % a["org"]
    s = pre + body
    s = typo_text(rng, s, st["typo"])
    if rng.random() < st["fw"]:
        s = s.translate(FULLWIDTH)
    if rng.random() < 0.02:
        s = s.replace("号", "号 ", 1)
    return s


# ============================================================ identity noise
PROFILE = {
    #          id    typo  trans leg15 name  homo  trad  sex   birth phone wrongph
    "door":       (0.95, 0.02, 0.01, 0.0, 0.97, 0.02, 0.01, 0.8, 0.3, 0.5, 0.02),
    "lock":       (0.55, 0.015, 0.01, 0.0, 0.85, 0.04, 0.0, 0.4, 0.1, 0.95, 0.02),
    "face":       (0.88, 0.0, 0.0, 0.0, 0.9, 0.0, 0.0, 0.7, 0.6, 0.0, 0.0),
    "hotel":      (0.99, 0.003, 0.002, 0.002, 0.995, 0.005, 0.002, 0.98, 0.95, 0.7, 0.01),
    "employment": (0.95, 0.015, 0.01, 0.03, 0.99, 0.03, 0.01, 0.9, 0.7, 0.75, 0.03),
    "school":     (0.93, 0.01, 0.01, 0.0, 0.99, 0.02, 0.005, 0.95, 0.9, 0.85, 0.02),
    "utility":    (0.45, 0.02, 0.01, 0.05, 0.97, 0.04, 0.02, 0.05, 0.02, 0.8, 0.05),
}
SEX_FMT = {"door": ("1", "2"), "lock": ("M", "F"), "face": ("男", "女"), "hotel": ("男", "女"),
           "employment": ("1", "2"), "school": ("男", "女"), "utility": ("男", "女")}


def id_typo(rng, s):
    s = list(s)
    if rng.random() < 0.6:
        i = rng.randrange(17)
        c = s[i]
        while s[i] == c:
            s[i] = str(rng.randrange(10))
    else:
        for _ in range(10):
            i = rng.randrange(16)
            if s[i] != s[i + 1]:
                s[i], s[i + 1] = s[i + 1], s[i]
                break
    return "".join(s)


def name_noise(rng, name, homo, trad):
    if rng.random() < homo:
        idx = [i for i, c in enumerate(name) if c in HOMOPHONE]
        if idx:
            i = rng.choice(idx)
            name = name[:i] + rng.choice(HOMOPHONE[name[i]]) + name[i + 1:]
    if rng.random() < trad:
        name = "".join(TRAD.get(c, c) for c in name)
    return name


def phone_noise(rng, ph):
    s = list(ph)
    i = rng.randrange(3, 11)
    c = s[i]
    while s[i] == c:
        s[i] = str(rng.randrange(10))
    return "".join(s)


def make_identity(city, p, src, rng, t, phone=None):
    idp, typo, trans, leg, namep, homo, trad, sexp, birthp, phonep, wrongph = PROFILE[src]
    idn = ""
    if rng.random() < idp:
        idn = p["id"]
        r = rng.random()
        if r < typo:
            idn = id_typo(rng, idn)
        elif r < typo + trans:
            idn = id_typo(rng, idn)  # id_typo also transposes
        birth_y = dt.date.fromordinal(p["birth"]).year
        if birth_y < 1985 and rng.random() < leg:
            idn = idn[:6] + idn[8:17]
        elif idn.endswith("X") and rng.random() < 0.3:
            idn = idn[:-1] + "x"
    name = name_noise(rng, p["name"], homo, trad) if rng.random() < namep else ""
    if name and rng.random() < 0.01 and src in ("utility", "employment"):
        name = name[0] + " " + name[1:]
    sex = SEX_FMT[src][0 if p["sex"] == "M" else 1] if rng.random() < sexp else ""
    birth = ds(p["birth"]) if rng.random() < birthp else ""
    ph = ""
    if rng.random() < phonep:
        ph = phone if phone is not None else city.phone_at(p, t)
        if ph and rng.random() < wrongph:
            ph = phone_noise(rng, ph)
    return dict(name=name, id_number=idn, sex=sex, birth_date=birth, phone=ph)


# ============================================================ observation generation
def times_in(rng, a, b, n, evening=True):
    out = []
    if b <= a:
        return out
    for _ in range(n):
        d = rng.randint(a, b - 1)
        if evening:
            r = rng.random()
            if r < 0.68:
                sec = rng.randint(17 * 3600, 23 * 3600 + 3599)
            elif r < 0.9:
                sec = rng.randint(6 * 3600, 9 * 3600)
            else:
                sec = rng.randint(0, 86399)
        else:
            sec = rng.randint(8 * 3600, 21 * 3600)
        out.append((d, sec))
    return out


def fmt_time(src, d, sec, rng):
    t = dt.datetime.combine(dt.date.fromordinal(d), dt.time()) + dt.timedelta(seconds=sec)
    if src == "lock":  # cloud API in UTC
        return (t - dt.timedelta(hours=8)).strftime("%Y-%m-%dT%H:%M:%SZ")
    if src == "face":
        return t.strftime("%Y-%m-%dT%H:%M:%S") + "+08:00"
    if src in ("employment", "school", "utility"):
        return t.date().isoformat()
    if src == "hotel":
        return t.strftime("%Y-%m-%d %H:%M:%S")
    return t.strftime("%Y-%m-%dT%H:%M:%S")


def build_observations(city):
    rng = city.rng
    S, T = city.S, city.as_of
    A = city.addrs
    obs = []

    def add(src, p, d, sec, ident, address, org, ref, kind):
        obs.append(dict(source=src, d=d, sec=sec, pid=p["id"], ident=ident, address=address, org=org,
                        ref=ref, kind=kind))

    def home_building(code):
        a = A[code]
        if a["kind"] == "apt":
            return a["parent"]
        if a["kind"] in ("vroom", "dorm_room"):
            return a["parent"]
        return code

    # device attributes at building level
    dev = {}
    for code, a in A.items():
        if a["kind"] in ("bldg", "vhouse", "dorm_bldg") and a.get("door"):
            start = rng.randint(S - 200, T - 120)
            gaps = []
            if rng.random() < 0.2:
                g0 = rng.randint(start, T - 30)
                gaps.append((g0, g0 + rng.randint(30, 120)))
            dev[code] = dict(start=start, gaps=gaps, f=rng.uniform(0.5, 1.5))
    face_start = T - 330
    lock_start = S + 120
    util_start = T - 270
    persons = list(city.persons.values())
    compounds_by_code = {c["code"]: c for c in city.compounds}
    village_of_house = {}
    for v in city.villages:
        for h in v["houses"]:
            village_of_house[h] = v
    compounds_list = city.compounds

    def compound_of(code):
        a = A[code]
        if a["kind"] == "apt":
            return A[A[a["parent"]]["parent"]]
        return None

    def village_of(code):
        a = A[code]
        if a["kind"] == "vroom":
            return village_of_house[a["parent"]]
        if a["kind"] == "vhouse":
            return village_of_house[code]
        return None

    for p in persons:
        act = p["act"]
        age = (T - p["birth"]) / 365.25
        spells = p["spells"]
        # ---- door / lock / face at home
        for sp in spells:
            code, start, end, why = sp
            end_eff = T + 1 if end is None else end
            a = A[code]
            bcode = home_building(code)
            registered_t = None
            for r in p["regs"]:
                if r["code"] == code and r["t"] < end_eff:
                    registered_t = r["t"] if registered_t is None else min(registered_t, r["t"])
            # door card
            if bcode in dev and age >= 10:
                d = dev[bcode]
                is_landlord = a["kind"] == "vhouse" and p["local"]
                if is_landlord:
                    has_card, issue = rng.random() < 0.9, max(start, d["start"])
                elif registered_t is not None:
                    has_card, issue = rng.random() < 0.88, registered_t + rng.randint(0, 14)
                else:
                    has_card, issue = rng.random() < 0.30, start + rng.randint(0, 30)
                if has_card:
                    card_id = make_identity(city, p, "door", rng, issue)
                    a0 = max(issue, d["start"], S)
                    a1 = min(end_eff, T + 1)
                    months = max(0, a1 - a0) / 30.0
                    n = poisson(rng, act * 0.7 * d["f"] * months)
                    if a["kind"] == "apt":
                        lvl_addr = a  # unit-level text
                        level = "unit"
                    else:
                        lvl_addr = A[bcode]
                        level = "house"
                    for (dd, sec) in times_in(rng, a0, a1, n):
                        if any(g0 <= dd < g1 for g0, g1 in d["gaps"]):
                            continue
                        ident = dict(card_id)
                        if rng.random() < 0.05:
                            ident["phone"] = ""
                        add("door", p, dd, sec, ident, render_address(city, lvl_addr, "door", rng, level),
                            "", bcode, "home")
                    # trailing swipes after moving out (fetching belongings)
                    if end is not None and rng.random() < 0.25:
                        for (dd, sec) in times_in(rng, end, min(end + 10, T + 1), rng.randint(1, 2)):
                            if dd >= d["start"]:
                                add("door", p, dd, sec, dict(card_id),
                                    render_address(city, lvl_addr, "door", rng, level), "", bcode, "former_home")
            # smart lock (room level)
            if a.get("lock") and age >= 14 and rng.random() < 0.8:
                acct = make_identity(city, p, "lock", rng, max(start, lock_start))
                a0 = max(start, lock_start)
                a1 = min(end_eff, T + 1)
                n = poisson(rng, act * 1.0 * max(0, a1 - a0) / 30.0)
                for (dd, sec) in times_in(rng, a0, a1, n):
                    add("lock", p, dd, sec, dict(acct), render_address(city, a, "lock", rng, "room"), "", code, "home")
            # face capture at the compound / village gate
            comp = compound_of(code)
            vil = village_of(code)
            covered = (comp is not None and comp["face"]) or (vil is not None and vil["face"])
            if covered and age >= 3:
                a0 = max(start, face_start)
                a1 = min(end_eff, T + 1)
                n = poisson(rng, act * 0.45 * max(0, a1 - a0) / 30.0)
                gate_addr = comp if comp is not None else A[vil["code"]]
                for (dd, sec) in times_in(rng, a0, a1, n):
                    ident = make_identity(city, p, "face", rng, dd)
                    if rng.random() < 0.015:  # face matched to a look-alike
                        other = rng.choice(persons)
                        ident = make_identity(city, other, "face", rng, dd)
                    add("face", p, dd, sec, ident, render_address(city, gate_addr, "face", rng, "gate"), "",
                        gate_addr["code"], "home")
        # face capture while visiting friends in another compound
        if p["spells"] and age >= 6:
            vis = poisson(rng, act * 0.04 * 11)
            for _ in range(vis):
                comp = rng.choice(compounds_list)
                if not comp["face"]:
                    continue
                sp = p["spells"][-1]
                dd = rng.randint(max(face_start, sp[1]), T) if max(face_start, sp[1]) <= T else None
                if dd is None or city.home_at(p, dd) is None:
                    continue
                if compound_of(city.home_at(p, dd)) is comp:
                    continue
                add("face", p, dd, rng.randint(9 * 3600, 21 * 3600), make_identity(city, p, "face", rng, dd),
                    render_address(city, comp, "face", rng, "gate"), "", comp["code"], "visit")
        # locals who live elsewhere come home for the Spring Festival
        if p["cat"] == "local_away" and p.get("away_visits"):
            home = p["hukou"]
            for year in (2025, 2026):
                sf = od(dt.date(year, 1, 28)) + rng.randint(-10, 10)
                if S <= sf <= T:
                    for k in range(rng.randint(1, 3)):
                        dd = sf + rng.randint(0, 6)
                        comp = compound_of(home) if A[home]["kind"] == "apt" else None
                        vil = village_of(home)
                        if comp is not None and comp["face"] and dd >= face_start:
                            add("face", p, dd, rng.randint(9 * 3600, 21 * 3600), make_identity(city, p, "face", rng, dd),
                                render_address(city, comp, "face", rng, "gate"), "", comp["code"], "visit")
                        elif vil is not None and vil["face"] and dd >= face_start:
                            h = A[vil["code"]]
                            add("face", p, dd, rng.randint(9 * 3600, 21 * 3600), make_identity(city, p, "face", rng, dd),
                                render_address(city, h, "face", rng, "gate"), "", h["code"], "visit")
        # ---- hotel stays: newly arrived migrants, occasional residents
        if p["spells"] and not p["local"]:
            first = p["spells"][0][1]
            if first >= S + 3 and rng.random() < 0.4 and (T - p["birth"]) / 365.25 >= 16:
                h = rng.choice(city.hotels)
                for k in range(rng.randint(1, 2)):
                    dd = first - rng.randint(1, 4)
                    add("hotel", p, dd, rng.randint(14 * 3600, 23 * 3600), make_identity(city, p, "hotel", rng, dd),
                        render_address(city, h, "hotel", rng, "house"), h["org"], h["code"], "hotel")
        if p["spells"] and age >= 18 and rng.random() < 0.08:
            h = rng.choice(city.hotels)
            dd = rng.randint(S, T)
            if city.home_at(p, dd):
                add("hotel", p, dd, rng.randint(14 * 3600, 23 * 3600), make_identity(city, p, "hotel", rng, dd),
                    render_address(city, h, "hotel", rng, "house"), h["org"], h["code"], "hotel")
        # ---- employment: hiring record + quarterly social insurance
        for job in p["jobs"]:
            wcode, j0, j1, formal = job
            w = A[wcode]
            hr = make_identity(city, p, "employment", rng, max(j0, S))
            j1e = T + 1 if j1 is None else min(j1, T + 1)
            if S <= j0 <= T and rng.random() < 0.9:
                add("employment", p, j0, 0, dict(hr), render_address(city, w, "employment", rng, "house"), w["org"],
                    wcode, "work_home" if w["kind"] == "shop_home" else "work")
            if formal:
                for y in range(dt.date.fromordinal(S).year, dt.date.fromordinal(T).year + 1):
                    for m in (3, 6, 9, 12):
                        dd = od(dt.date(y, m, 25))
                        if S <= dd <= T and j0 <= dd < j1e and rng.random() < 0.93:
                            ident = dict(hr)
                            if rng.random() < 0.1:
                                ident["phone"] = ""
                            add("employment", p, dd, 0, ident, render_address(city, w, "employment", rng, "house"),
                                w["org"], wcode, "work_home" if w["kind"] == "shop_home" else "work")
        # ---- school enrolment (per semester)
        if p["school"]:
            s = A[p["school"]]
            hhm = [city.persons[x] for x in city.hhs[p["hh"]]["members"] if x in city.persons]
            guardian = next((m for m in hhm if (T - m["birth"]) / 365.25 >= 20 and m["phone"]), None)
            rec = None
            for y in range(dt.date.fromordinal(S).year, dt.date.fromordinal(T).year + 1):
                for (m, dday) in ((3, 1), (9, 1)):
                    dd = od(dt.date(y, m, dday)) + rng.randint(-7, 10)
                    if not (S <= dd <= T):
                        continue
                    home = city.home_at(p, dd)
                    if home is None:
                        continue
                    if rec is None or rng.random() < 0.15:
                        rec = make_identity(city, p, "school", rng, dd,
                                            phone=city.phone_at(guardian, dd) if guardian else "")
                    if rng.random() < 0.45:
                        # home address written on the form: usually real, sometimes the registered one
                        reg_codes = [r["code"] for r in p["regs"] if r["status"] == "active" and r["t"] <= dd]
                        wr = home
                        if reg_codes and rng.random() < 0.15:
                            wr = reg_codes[-1]
                        add("school", p, dd, 0, dict(rec), render_address(city, A[wr], "school", rng, "room"), s["org"],
                            wr, "home" if wr == home else "stated_home")
                    else:
                        add("school", p, dd, 0, dict(rec), render_address(city, s, "school", rng, "house"), s["org"],
                            s["code"], "school")
    # ---- utility bills (quarterly, last 12 months) under the account holder
    prop_codes = [c for c, a in A.items() if a["kind"] == "apt" and a.get("owner")] + \
                 [h for v in city.villages for h in v["houses"]]
    for code in prop_codes:
        a = A[code]
        owner = city.persons.get(a.get("owner"))
        if owner is None:
            continue
        comp = UTILITIES[0] if rng.random() < 0.7 else rng.choice(UTILITIES[1:])
        acct_owner = make_identity(city, owner, "utility", rng, util_start)
        tenant_acct = {}
        for y in range(dt.date.fromordinal(util_start).year, dt.date.fromordinal(T).year + 1):
            for m in (1, 4, 7, 10):
                dd = od(dt.date(y, m, 10)) + rng.randint(-5, 5)
                if not (util_start <= dd <= T):
                    continue
                if rng.random() < 0.05:
                    continue
                holder, ident = owner, acct_owner
                # a tenant who took the account over
                occupant = None
                if a["kind"] == "apt":
                    for pid in city.occ_by_time(code, dd):
                        occupant = city.persons[pid]
                        break
                if occupant is not None and occupant["id"] != owner["id"] and not occupant["local"]:
                    key = occupant["hh"]
                    if key not in tenant_acct:
                        tenant_acct[key] = (rng.random() < 0.12, make_identity(city, occupant, "utility", rng, dd))
                    if tenant_acct[key][0]:
                        holder, ident = occupant, tenant_acct[key][1]
                lives = city.home_at(holder, dd) == code
                add("utility", holder, dd, 0, dict(ident), render_address(city, a, "utility", rng,
                    "room" if a["kind"] == "apt" else "house"), comp, code, "home" if lives else "property")
    # ---- hotel visitors who never live in the city
    n_vis = int(0.08 * city.N)
    city.visitors = []
    for i in range(n_vis):
        sex = "M" if rng.random() < 0.62 else "F"
        p = city.make_person("visitor", sex, city.birth_for_age(20, 65), False)
        p["hukou_text"] = city.hukou_text_outside(p)
        p["in_registry"] = rng.random() < 0.4
        city.visitors.append(p)
        for k in range(rng.choice([1, 1, 1, 2, 3])):
            h = rng.choice(city.hotels)
            dd = rng.randint(S, T)
            for n in range(rng.choice([1, 1, 2])):
                add("hotel", p, dd + n * rng.randint(1, 3), rng.randint(12 * 3600, 23 * 3600 + 3000),
                    make_identity(city, p, "hotel", rng, dd), render_address(city, h, "hotel", rng, "house"),
                    h["org"], h["code"], "hotel")
    obs = [o for o in obs if S <= o["d"] <= T]
    return obs


def occ_by_time_factory(city):
    """Index: address code -> list of (start, end, pid) spells, for utility tenant lookup."""
    idx = defaultdict(list)
    for p in city.persons.values():
        for sp in p["spells"]:
            idx[sp[0]].append((sp[1], sp[2], p["id"]))

    def occ_by_time(code, t):
        return [pid for (a, b, pid) in idx.get(code, []) if a <= t and (b is None or t < b)]
    return occ_by_time


# ============================================================ watchlist
def build_watchlist(city, obs):
    rng = city.rng
    S, T = city.S, city.as_of
    seen_people = []
    by_pid = defaultdict(list)
    for i, o in enumerate(obs):
        by_pid[o["pid"]].append(i)
    cand_res = [p for p in city.persons.values() if p["cat"] == "migrant" and p["id"] in by_pid
                and 18 <= (T - p["birth"]) / 365.25 <= 60]
    cand_vis = [p for p in city.visitors if p["id"] in by_pid]
    W = max(12, city.N // 300)
    n_app = max(5, int(round(W * 0.4)))
    chosen = []
    for i in range(n_app):
        pool = cand_res if (rng.random() < 0.65 or not cand_vis) else cand_vis
        p = rng.choice(pool)
        if p in chosen:
            continue
        chosen.append(p)
    rows, truth = [], []
    reasons = ["网上逃犯(盗窃)", "网上逃犯(诈骗)", "网上逃犯(故意伤害)", "网上逃犯(抢劫)", "网上逃犯(贩卖毒品)", "网上逃犯(交通肇事逃逸)"]
    k = 0
    for p in chosen:
        k += 1
        wid = "W%05d" % (1000 + k * 7)
        idn = p["id"]
        r = rng.random()
        if r < 0.1:
            idn = ""
        elif r < 0.15:
            idn = id_typo(rng, idn)
        name = p["name"] if rng.random() < 0.9 else name_noise(rng, p["name"], 1.0, 0.0)
        rows.append(dict(watch_id=wid, id_number=idn, name=name, sex="男" if p["sex"] == "M" else "女",
                         birth_date=ds(p["birth"]) if (idn == "" or rng.random() < 0.8) else "",
                         reason=rng.choice(reasons)))
        truth.append(dict(watch_id=wid, person=p["id"], appears=1, cat=p["cat"], n_obs=len(by_pid[p["id"]])))
        # the wanted person's own records are sometimes written under a false or partial identity
        if rng.random() < 0.3:
            for i in by_pid[p["id"]]:
                if rng.random() < 0.5:
                    obs[i]["ident"]["id_number"] = ""
    # wanted persons who never come, some namesakes of residents
    residents = [p for p in city.persons.values() if p["spells"] and (T - p["birth"]) / 365.25 >= 18]
    while len(rows) < W:
        k += 1
        wid = "W%05d" % (1000 + k * 7)
        sex = "M" if rng.random() < 0.8 else "F"
        if rng.random() < 0.35:
            other = rng.choice(residents)
            sex = other["sex"]
            p = city.make_person("wanted", sex, city.birth_for_age(20, 60), False, surname=None)
            p["name"] = other["name"]  # same name, different person
        else:
            p = city.make_person("wanted", sex, city.birth_for_age(20, 60), False)
        p["hukou_text"] = city.hukou_text_outside(p)
        p["in_registry"] = rng.random() < 0.3
        rows.append(dict(watch_id=wid, id_number=p["id"] if rng.random() < 0.92 else "", name=p["name"],
                         sex="男" if sex == "M" else "女", birth_date=ds(p["birth"]), reason=rng.choice(reasons)))
        truth.append(dict(watch_id=wid, person=p["id"], appears=0, cat="wanted", n_obs=0))
    return rows, truth


# ============================================================ build command
def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow([r.get(h, "") if isinstance(r, dict) else r[i] for i, h in enumerate(header)])


def cmd_build(args):
    as_of = dt.date.fromisoformat(args.as_of)
    city = City(args.residents, args.seed, as_of)
    rng = city.rng
    city.build_geo()
    city.build_people()
    city.build_jobs()
    city.build_registrations()
    city.occ_by_time = occ_by_time_factory(city)
    obs = build_observations(city)
    watch_rows, watch_truth = build_watchlist(city, obs)
    S, T = city.S, city.as_of
    A = city.addrs
    out = args.out
    os.makedirs(os.path.join(out, "truth"), exist_ok=True)

    # ---------- addresses.csv
    addr_rows = []
    for code, a in A.items():
        addr_rows.append(dict(address_code=code, full_address=a["full_address"], province=a["province"], city=a["city"],
                              district=a["district"], street=a["street"], community=a["community"], road=a["road"],
                              house_number=a["house_number"], building=a["building"], unit=a["unit"], room=a["room"],
                              police_station=a["police_station"], grid=a["grid"]))
    rng.shuffle(addr_rows)
    write_csv(os.path.join(out, "addresses.csv"),
              ["address_code", "full_address", "province", "city", "district", "street", "community", "road",
               "house_number", "building", "unit", "room", "police_station", "grid"], addr_rows)

    # ---------- population.csv
    pop_rows = []
    for p in city.persons.values():
        if not p["in_registry"]:
            continue
        if p["local"] and p.get("hukou"):
            hk = A[p["hukou"]]["full_address"]
        else:
            hk = p.get("hukou_text") or city.hukou_text_outside(p)
        eth = p["eth"]
        if rng.random() < 0.15:
            eth = ETHNIC_CODE.get(eth, "01")
        sex = ("男" if p["sex"] == "M" else "女") if rng.random() < 0.8 else ("1" if p["sex"] == "M" else "2")
        pop_rows.append(dict(id_number=p["id"], name=p["name"], sex=sex, birth_date=ds(p["birth"]), ethnicity=eth,
                             hukou_address=hk))
    rng.shuffle(pop_rows)
    write_csv(os.path.join(out, "population.csv"),
              ["id_number", "name", "sex", "birth_date", "ethnicity", "hukou_address"], pop_rows)

    # ---------- registrations.csv
    reg_rows = []
    for r in city.regs:
        p = city.persons[r["pid"]]
        a = A[r["code"]]
        idn = p["id"] if rng.random() > 0.004 else id_typo(rng, p["id"])
        name = p["name"] if rng.random() > 0.005 else name_noise(rng, p["name"], 0.0, 1.0)
        ph = city.phone_at(p, r["t"]) if rng.random() < 0.85 else ""
        row = dict(registration_id=r["rid"], id_number=idn, name=name, sex="男" if p["sex"] == "M" else "女",
                   birth_date=ds(p["birth"]) if rng.random() < 0.95 else "", phone=ph,
                   address=r["free"] if r["free"] else a["full_address"],
                   address_code="" if r["free"] else r["code"], registered_at=ds(r["t"]), status=r["status"])
        reg_rows.append(row)
    rng.shuffle(reg_rows)
    write_csv(os.path.join(out, "registrations.csv"),
              ["registration_id", "id_number", "name", "sex", "birth_date", "phone", "address", "address_code",
               "registered_at", "status"], reg_rows)

    # ---------- observations.csv (record ids unique; feeds in blocks, time-sorted within)
    by_src = defaultdict(list)
    for o in obs:
        by_src[o["source"]].append(o)
    prefix = {"door": "MJ", "lock": "ZS", "face": "RL", "hotel": "LG", "employment": "YG", "school": "XJ", "utility": "SD"}
    obs_rows, obs_truth = [], []
    used_rid = set()
    for src in ["hotel", "door", "employment", "face", "utility", "lock", "school"]:
        lst = sorted(by_src.get(src, []), key=lambda o: (o["d"], o["sec"], o["pid"]))
        for o in lst:
            while True:
                rid = "%s%s%07d" % (prefix[src], dt.date.fromordinal(o["d"]).strftime("%y%m"), rng.randrange(10 ** 7))
                if rid not in used_rid:
                    used_rid.add(rid)
                    break
            ident = o["ident"]
            obs_rows.append(dict(source=src, record_id=rid, observed_at=fmt_time(src, o["d"], o["sec"], rng),
                                 name=ident["name"], id_number=ident["id_number"], sex=ident["sex"],
                                 birth_date=ident["birth_date"], phone=ident["phone"], address=o["address"],
                                 organisation=o["org"]))
            obs_truth.append(dict(record_id=rid, person=o["pid"], source=src, date=ds(o["d"]), ref=o["ref"],
                                  ref_bkey=A[o["ref"]]["bkey"], kind=o["kind"]))
    write_csv(os.path.join(out, "observations.csv"),
              ["source", "record_id", "observed_at", "name", "id_number", "sex", "birth_date", "phone", "address",
               "organisation"], obs_rows)
    write_csv(os.path.join(out, "watchlist.csv"), ["watch_id", "id_number", "name", "sex", "birth_date", "reason"],
              watch_rows)

    # ================= truth
    tdir = os.path.join(out, "truth")
    write_csv(os.path.join(tdir, "addresses.csv"), ["address_code", "kind", "bkey", "parent"],
              [dict(address_code=c, kind=a["kind"], bkey=a["bkey"], parent=a["parent"]) for c, a in A.items()])
    write_csv(os.path.join(tdir, "observations.csv"), ["record_id", "person", "source", "date", "ref", "ref_bkey", "kind"],
              obs_truth)
    # persons
    obs_by_p = defaultdict(list)
    for ot in obs_truth:
        obs_by_p[ot["person"]].append(ot)
    prow = []
    for p in city.persons.values():
        home = city.home_at(p, T)
        left = ""
        moved = []
        for sp in p["spells"]:
            if sp[2] is not None and sp[3] == "left":
                left = ds(sp[2])
            if sp[2] is not None and sp[3] == "moved":
                moved.append(ds(sp[2]))
        prow.append(dict(person=p["id"], name=p["name"], cat=p["cat"], in_registry=int(p["in_registry"]),
                         home_asof=home or "", home_bkey=A[home]["bkey"] if home else "", left_city=left if not home else "",
                         moves=";".join(moved),
                         spells=";".join("%s,%s,%s,%s" % (sp[0], ds(sp[1]), ds(sp[2]) if sp[2] else "", sp[3]) for sp in p["spells"]),
                         n_obs=len(obs_by_p.get(p["id"], []))))
    write_csv(os.path.join(tdir, "persons.csv"),
              ["person", "name", "cat", "in_registry", "home_asof", "home_bkey", "left_city", "moves", "spells", "n_obs"], prow)
    # registration truth
    HOME_KINDS = ("home",)
    reg_truth = []
    reg_file_status = {row["registration_id"]: row["status"] for row in reg_rows}
    for r in city.regs:
        p = city.persons[r["pid"]]
        home = city.home_at(p, T)
        active = reg_file_status[r["rid"]] == "active"
        stale = int(active and home != r["code"])
        evidence, ev_kind = 0, ""
        if stale:
            pobs = obs_by_p.get(p["id"], [])
            rb = A[r["code"]]["bkey"]
            # the date the person stopped living at the registered address (if they ever did)
            stop = None
            for sp in p["spells"]:
                if sp[0] == r["code"] and sp[2] is not None:
                    stop = sp[2]
            # home-type evidence: door / lock / face / school-at-home (a utility bill shows property, not residence)
            elsewhere = [o for o in pobs if o["kind"] == "home" and o["source"] != "utility" and o["ref_bkey"] != rb
                         and (stop is None or o["date"] >= ds(stop)) and o["date"] >= ds(r["t"])]
            last = max((o["date"] for o in pobs), default="")
            if elsewhere:
                evidence, ev_kind = 1, "seen_elsewhere"
            elif pobs and last < ds(T - 60):
                evidence, ev_kind = 1, "traces_stopped"
        reg_truth.append(dict(registration_id=r["rid"], person=p["id"], cat=p["cat"], address_code=r["code"],
                              bkey=A[r["code"]]["bkey"], status=reg_file_status[r["rid"]], free_text=int(bool(r["free"])),
                              registered_at=ds(r["t"]), stale=stale, evidence=evidence, evidence_kind=ev_kind,
                              person_home_asof=home or "", person_left=int(home is None)))
    write_csv(os.path.join(tdir, "registrations.csv"),
              ["registration_id", "person", "cat", "address_code", "bkey", "status", "free_text", "registered_at", "stale",
               "evidence", "evidence_kind", "person_home_asof", "person_left"], reg_truth)
    # suspects truth
    active_by_p = defaultdict(list)
    for r in city.regs:
        if reg_file_status[r["rid"]] == "active":
            active_by_p[r["pid"]].append(r["code"])
    sus = []
    for p in city.persons.values():
        home = city.home_at(p, T)
        if home is None:
            continue
        act = active_by_p.get(p["id"], [])
        if home in act:
            continue
        kind = "moved" if act else "unregistered"
        sp = city.spell_at(p, T)
        hb = A[home]["bkey"]
        a = A[home]
        refs = {home}
        if a["parent"]:
            refs.add(a["parent"])
            if A[a["parent"]]["parent"]:
                refs.add(A[a["parent"]]["parent"])  # the compound
        vc = a.get("vcode") or (A[a["parent"]].get("vcode") if a["parent"] else None)
        if vc:
            refs.add(vc)
        pobs = obs_by_p.get(p["id"], [])
        cur = [o for o in pobs if o["date"] >= ds(sp[1]) and o["kind"] == "home" and o["source"] != "utility"
               and o["ref"] in refs]
        reveal_bldg = [o for o in cur if o["source"] != "face"]
        sus.append(dict(person=p["id"], name=p["name"], cat=p["cat"], kind=kind, home_code=home, home_bkey=hb,
                        home_kind=a["kind"], since=ds(sp[1]), revealable=int(bool(cur)),
                        revealable_bldg=int(bool(reveal_bldg)), n_home_obs=len(cur), n_obs=len(pobs),
                        registered_at=";".join(act)))
    write_csv(os.path.join(tdir, "suspects.csv"),
              ["person", "name", "cat", "kind", "home_code", "home_bkey", "home_kind", "since", "revealable",
               "revealable_bldg", "n_home_obs", "n_obs", "registered_at"], sus)
    write_csv(os.path.join(tdir, "watchlist.csv"), ["watch_id", "person", "appears", "cat", "n_obs"], watch_truth)
    n_res = sum(1 for p in city.persons.values() if p["spells"])
    n_live = sum(1 for p in city.persons.values() if city.home_at(p, T))
    meta = dict(as_of=ds(T), window_start=ds(S), seed=args.seed, residents_arg=args.residents,
                persons_total=len(city.persons), residents_in_window=n_res, living_at_asof=n_live,
                observations=len(obs_rows), obs_per_resident=round(len(obs_rows) / max(1, n_res), 2),
                obs_by_source=dict(Counter(o["source"] for o in obs_rows)),
                addresses=len(addr_rows), population_rows=len(pop_rows), registrations=len(reg_rows),
                registrations_active=sum(1 for r in reg_rows if r["status"] == "active"),
                stale_truth=sum(r["stale"] for r in reg_truth), stale_with_evidence=sum(r["evidence"] for r in reg_truth),
                suspects_truth=len(sus), suspects_unregistered=sum(1 for s in sus if s["kind"] == "unregistered"),
                suspects_moved=sum(1 for s in sus if s["kind"] == "moved"),
                suspects_revealable=sum(s["revealable"] for s in sus),
                watchlist=len(watch_rows), wanted_appearing=sum(w["appears"] for w in watch_truth),
                cats=dict(Counter(p["cat"] for p in city.persons.values())))
    with open(os.path.join(tdir, "meta.json"), "w", encoding="utf-8") as f:
        json.dump(meta, f, ensure_ascii=False, indent=1)
    print(json.dumps(meta, ensure_ascii=False, indent=1))


# ============================================================ scoring
def read_csv(path):
    if not os.path.exists(path):
        return None
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def c2(n):
    return n * (n - 1) // 2


def score_links(links, obs_truth):
    true_of = {o["record_id"]: o["person"] for o in obs_truth}
    pred = {}
    for r in links or []:
        pred[r["record_id"]] = r.get("entity_key") or ("__empty__" + r["record_id"])
    missing = 0
    cont = Counter()
    psize = Counter()
    tsize = Counter()
    for rid, tp in true_of.items():
        k = pred.get(rid)
        if k is None:
            missing += 1
            k = "__missing__" + rid
        cont[(k, tp)] += 1
        psize[k] += 1
        tsize[tp] += 1
    tp_pairs = sum(c2(n) for n in cont.values())
    pp = sum(c2(n) for n in psize.values())
    tt = sum(c2(n) for n in tsize.values())
    prec = tp_pairs / pp if pp else 0.0
    rec = tp_pairs / tt if tt else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return dict(precision=round(prec, 4), recall=round(rec, 4), f1=round(f1, 4), pred_pairs=pp, true_pairs=tt,
                tp_pairs=tp_pairs, records=len(true_of), records_missing_from_links=missing,
                entities_pred=len(psize), persons_true=len(tsize))


def person_of_row(row, persons_ids, true_of):
    idn = normalise_id(row.get("id_number", ""))
    if idn in persons_ids:
        return idn, "id"
    rids = [x.strip() for x in (row.get("record_ids") or "").split(";") if x.strip()]
    c = Counter(true_of[r] for r in rids if r in true_of)
    if c:
        return c.most_common(1)[0][0], "records"
    return None, "none"


def score_suspects(rows, truth, persons_ids, true_of, addr_bkey):
    T = {s["person"]: s for s in truth}
    seen = set()
    correct = 0
    same_bldg = 0
    kind_ok = 0
    dup = 0
    wrong = []
    matched_by = Counter()
    for r in rows or []:
        pid, how = person_of_row(r, persons_ids, true_of)
        matched_by[how] += 1
        if pid in T and pid not in seen:
            seen.add(pid)
            correct += 1
            if addr_bkey.get((r.get("address_code") or "").strip()) == T[pid]["home_bkey"]:
                same_bldg += 1
            if (r.get("kind") or "").strip() == T[pid]["kind"]:
                kind_ok += 1
        else:
            if pid in seen:
                dup += 1
            wrong.append((r, pid))
    n = len(rows or [])
    rev = [s for s in truth if s["revealable"] == "1"]
    revb = [s for s in truth if s["revealable_bldg"] == "1"]
    res = dict(rows=n, correct=correct, precision=round(correct / n, 4) if n else 0.0,
               recall=round(len(seen) / len(truth), 4) if truth else 0.0,
               recall_revealable=round(sum(1 for s in rev if s["person"] in seen) / len(rev), 4) if rev else 0.0,
               recall_revealable_building=round(sum(1 for s in revb if s["person"] in seen) / len(revb), 4) if revb else 0.0,
               same_building_share=round(same_bldg / correct, 4) if correct else 0.0,
               kind_correct_share=round(kind_ok / correct, 4) if correct else 0.0,
               truth=len(truth), truth_revealable=len(rev), duplicates=dup, matched_by=dict(matched_by))
    for kind in ("unregistered", "moved"):
        tk = [s for s in truth if s["kind"] == kind]
        res["recall_" + kind] = round(sum(1 for s in tk if s["person"] in seen) / len(tk), 4) if tk else 0.0
    return res, wrong, seen


def score_stale(rows, reg_truth, as_of):
    st = {r["registration_id"]: r for r in reg_truth}
    truth = {r["registration_id"] for r in reg_truth if r["stale"] == "1"}
    ev = {r["registration_id"] for r in reg_truth if r["evidence"] == "1"}
    found = []
    seenr = set()
    for r in rows or []:
        rid = (r.get("registration_id") or "").strip()
        if rid not in seenr:
            seenr.add(rid)
            found.append(rid)
    fs = set(found)
    tp = len(fs & truth)
    res = dict(rows=len(rows or []), unique=len(found), correct=tp,
               precision=round(tp / len(found), 4) if found else 0.0,
               recall=round(tp / len(truth), 4) if truth else 0.0,
               recall_with_evidence=round(len(fs & ev) / len(ev), 4) if ev else 0.0,
               truth=len(truth), truth_with_evidence=len(ev),
               unknown_ids=sum(1 for x in found if x not in st))
    for k in ("seen_elsewhere", "traces_stopped"):
        tk = {r["registration_id"] for r in reg_truth if r["evidence_kind"] == k}
        res["recall_" + k] = round(len(fs & tk) / len(tk), 4) if tk else 0.0
    return res, fs, truth, ev


def score_alerts(rows, wtruth, true_of):
    W = {w["watch_id"]: w for w in wtruth}
    appearing = {w["watch_id"] for w in wtruth if w["appears"] == "1"}
    correct = 0
    hit = set()
    for r in rows or []:
        wid = (r.get("watch_id") or "").strip()
        ok = False
        if wid in appearing:
            rids = [x.strip() for x in (r.get("record_ids") or "").split(";") if x.strip()]
            if not rids:
                ok = True
            else:
                ok = any(true_of.get(x) == W[wid]["person"] for x in rids)
        if ok:
            correct += 1
            hit.add(wid)
    n = len(rows or [])
    return dict(rows=n, correct=correct, precision=round(correct / n, 4) if n else 0.0,
                recall=round(len(hit) / len(appearing), 4) if appearing else 0.0,
                watch_ids_alerted=len({(r.get("watch_id") or "") for r in rows or []}), appearing=len(appearing),
                watchlist=len(wtruth))


def parse_obs_date(s):
    s = (s or "").strip()
    if not s:
        return None
    try:
        if s.endswith("Z"):
            t = dt.datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ") + dt.timedelta(hours=8)
            return t.date()
        return dt.date.fromisoformat(s[:10])
    except ValueError:
        return None


def naive_baseline(data):
    """Exact-ID-only baseline built from the input files alone."""
    meta = json.load(open(os.path.join(data, "truth", "meta.json"), encoding="utf-8"))
    as_of = dt.date.fromisoformat(meta["as_of"])
    addrs = read_csv(os.path.join(data, "addresses.csv"))
    full2code = {a["full_address"]: a["address_code"] for a in addrs}
    code2full = {a["address_code"]: a["full_address"] for a in addrs}
    regs = read_csv(os.path.join(data, "registrations.csv"))
    obs = read_csv(os.path.join(data, "observations.csv"))
    watch = read_csv(os.path.join(data, "watchlist.csv"))
    links = [dict(record_id=o["record_id"], entity_key=o["id_number"].strip() or ("REC:" + o["record_id"])) for o in obs]
    active = defaultdict(list)
    for r in regs:
        if r["status"].strip() == "active" and r["id_number"].strip():
            active[r["id_number"].strip()].append(r["address"] or code2full.get(r["address_code"], ""))
    sus = {}
    for o in obs:
        if o["source"] not in ("door", "lock", "face"):
            continue
        idn = o["id_number"].strip()
        if not idn:
            continue
        texts = active.get(idn, [])
        if o["address"] in texts:
            continue
        s = sus.setdefault(idn, dict(suspect_id="B%d" % (len(sus) + 1), name=o["name"], id_number=idn, birth_date=o["birth_date"],
                                     address_code=full2code.get(o["address"], ""), address=o["address"], score=50,
                                     kind="moved" if texts else "unregistered", record_ids=[]))
        s["record_ids"].append(o["record_id"])
    for s in sus.values():
        s["record_ids"] = ";".join(s["record_ids"])
    last = {}
    for o in obs:
        idn = o["id_number"].strip()
        d = parse_obs_date(o["observed_at"])
        if idn and d and (idn not in last or d > last[idn]):
            last[idn] = d
    cutoff = as_of - dt.timedelta(days=90)
    stale = []
    for r in regs:
        if r["status"].strip() != "active":
            continue
        idn = r["id_number"].strip()
        if idn not in last or last[idn] < cutoff:
            stale.append(dict(registration_id=r["registration_id"], id_number=idn, name=r["name"],
                              last_seen=last[idn].isoformat() if idn in last else "", score=60))
    by_id = defaultdict(list)
    for o in obs:
        if o["id_number"].strip():
            by_id[o["id_number"].strip()].append(o["record_id"])
    alerts = []
    for w in watch:
        idn = w["id_number"].strip()
        if idn and idn in by_id:
            alerts.append(dict(alert_id="BA%d" % (len(alerts) + 1), watch_id=w["watch_id"], raised_at=meta["as_of"],
                               source="observations", record_ids=";".join(by_id[idn]), id_number=idn, name=w["name"],
                               address="", confidence=100))
    return dict(links=links, suspects=list(sus.values()), stale=stale, alerts=alerts)


def explain(data, results, k, sus_wrong, stale_found, stale_truth, truthd):
    """Print samples of wrong suspects and missed stale registrations with the person's history."""
    rng = random.Random(7)
    persons = truthd["persons"]
    obs_by_p = truthd["obs_by_p"]
    sus_truth = truthd["sus_truth"]
    regt = truthd["regt"]

    def history(pid, limit=14):
        lst = sorted(obs_by_p.get(pid, []), key=lambda o: o["date"])
        c = Counter(o["source"] + ":" + o["kind"] for o in lst)
        last = lst[-1]["date"] if lst else "-"
        return "n=%d last=%s %s" % (len(lst), last, dict(c))

    print("\n==== sample of %d wrong suspect rows ====" % min(k, len(sus_wrong)))
    for r, pid in rng.sample(sus_wrong, min(k, len(sus_wrong))):
        p = persons.get(pid)
        if p is None:
            print("- row id=%s name=%s addr=%s kind=%s -> no true person resolved (records %s)" %
                  (r.get("id_number"), r.get("name"), r.get("address"), r.get("kind"), (r.get("record_ids") or "")[:60]))
            continue
        regs = [x for x in regt.values() if x["person"] == pid]
        regs_s = ";".join("%s(%s,%s)" % (x["bkey"], x["status"], "stale" if x["stale"] == "1" else "ok") for x in regs)
        print("- row kind=%s addr=%s | truth cat=%s home=%s left=%s spells=[%s] regs=[%s] | obs %s" %
              (r.get("kind"), r.get("address"), p["cat"], truthd["bkey"].get(p["home_asof"], "-"), p["left_city"] or "-",
               p["spells"][:160], regs_s[:200], history(pid)))
    missed = sorted(stale_truth - stale_found)
    print("\n==== sample of %d missed stale registrations (of %d) ====" % (min(k, len(missed)), len(missed)))
    for rid in rng.sample(missed, min(k, len(missed))):
        x = regt[rid]
        p = persons[x["person"]]
        print("- reg %s at %s registered %s evidence=%s | person cat=%s home_asof=%s left=%s | obs %s" %
              (rid, x["bkey"], x["registered_at"], x["evidence_kind"] or "none", p["cat"],
               truthd["bkey"].get(p["home_asof"], "-"), p["left_city"] or "-", history(x["person"])))


def cmd_score(args):
    data, res_dir = args.data, args.results
    tdir = os.path.join(data, "truth")
    obs_truth = read_csv(os.path.join(tdir, "observations.csv"))
    persons = {p["person"]: p for p in read_csv(os.path.join(tdir, "persons.csv"))}
    sus_truth = read_csv(os.path.join(tdir, "suspects.csv"))
    reg_truth = read_csv(os.path.join(tdir, "registrations.csv"))
    wtruth = read_csv(os.path.join(tdir, "watchlist.csv"))
    addr_truth = read_csv(os.path.join(tdir, "addresses.csv"))
    meta = json.load(open(os.path.join(tdir, "meta.json"), encoding="utf-8"))
    addr_bkey = {a["address_code"]: a["bkey"] for a in addr_truth}
    true_of = {o["record_id"]: o["person"] for o in obs_truth}
    pids = set(persons)

    def score_all(links, suspects, stale, alerts):
        out = {}
        out["links"] = score_links(links, obs_truth)
        out["suspects"], wrong, seen = score_suspects(suspects, sus_truth, pids, true_of, addr_bkey)
        out["stale"], found, truth, ev = score_stale(stale, reg_truth, meta["as_of"])
        out["alerts"] = score_alerts(alerts, wtruth, true_of)
        return out, wrong, found, truth

    files = {}
    for name in ("links", "suspects", "stale", "alerts"):
        files[name] = read_csv(os.path.join(res_dir, name + ".csv"))
    missing = [n for n, v in files.items() if v is None]
    sysres, wrong, found, truth = score_all(files["links"], files["suspects"], files["stale"], files["alerts"])
    base = naive_baseline(data)
    bdir = os.path.join(res_dir, "baseline")
    os.makedirs(bdir, exist_ok=True)
    write_csv(os.path.join(bdir, "links.csv"), ["record_id", "entity_key"], base["links"])
    write_csv(os.path.join(bdir, "suspects.csv"), ["suspect_id", "name", "id_number", "birth_date", "address_code", "address",
                                                  "score", "kind", "record_ids"], base["suspects"])
    write_csv(os.path.join(bdir, "stale.csv"), ["registration_id", "id_number", "name", "last_seen", "score"], base["stale"])
    write_csv(os.path.join(bdir, "alerts.csv"), ["alert_id", "watch_id", "raised_at", "source", "record_ids", "id_number",
                                                "name", "address", "confidence"], base["alerts"])
    baseres, _, _, _ = score_all(base["links"], base["suspects"], base["stale"], base["alerts"])
    report = dict(data=data, results=res_dir, missing_files=missing, meta={k: meta[k] for k in (
        "as_of", "residents_in_window", "living_at_asof", "observations", "suspects_truth", "stale_truth",
        "stale_with_evidence", "wanted_appearing")}, system=sysres, baseline=baseres)
    with open(os.path.join(res_dir, "score.json"), "w", encoding="utf-8") as f:
        json.dump(report, f, ensure_ascii=False, indent=1)
    # compact table
    def line(tag, r):
        return ("%-9s links P/R/F1 %.3f/%.3f/%.3f | suspects P %.3f R %.3f Rrev %.3f bldg %.3f (rows %d) | "
                "stale P %.3f R %.3f Rev %.3f (rows %d) | alerts P %.3f R %.3f (rows %d)" % (
                    tag, r["links"]["precision"], r["links"]["recall"], r["links"]["f1"],
                    r["suspects"]["precision"], r["suspects"]["recall"], r["suspects"]["recall_revealable"],
                    r["suspects"]["same_building_share"], r["suspects"]["rows"],
                    r["stale"]["precision"], r["stale"]["recall"], r["stale"]["recall_with_evidence"], r["stale"]["rows"],
                    r["alerts"]["precision"], r["alerts"]["recall"], r["alerts"]["rows"]))
    print(json.dumps(report, ensure_ascii=False, indent=1))
    print(line("system", sysres))
    print(line("baseline", baseres))
    if args.explain:
        obs_by_p = defaultdict(list)
        for o in obs_truth:
            obs_by_p[o["person"]].append(o)
        truthd = dict(persons=persons, obs_by_p=obs_by_p, sus_truth=sus_truth,
                      regt={r["registration_id"]: r for r in reg_truth}, bkey=addr_bkey)
        explain(data, res_dir, args.explain, wrong, found, truth, truthd)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build")
    b.add_argument("--out", required=True)
    b.add_argument("--residents", type=int, required=True)
    b.add_argument("--seed", type=int, default=1)
    b.add_argument("--as-of", required=True)
    s = sub.add_parser("score")
    s.add_argument("--data", required=True)
    s.add_argument("--results", required=True)
    s.add_argument("--explain", type=int, default=0, help="print K sample errors with their truth")
    args = ap.parse_args()
    if args.cmd == "build":
        cmd_build(args)
    else:
        cmd_score(args)


if __name__ == "__main__":
    main()
