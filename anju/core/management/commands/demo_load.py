"""Loads a small coherent demo district: the tree, one account per role, houses and residents.

Deterministic (fixed seed) and idempotent: a second run changes nothing.
Refused in production.
"""
import random
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from anju.accounts.choices import Role
from anju.accounts.models import User
from anju.accounts.services import user_create
from anju.houses.choices import HouseKind
from anju.addresses.services import address_upsert
from anju.houses.services import house_register, landlord_verify
from anju.jurisdictions.models import Node
from anju.jurisdictions.services import jurisdictions_import
from anju.lib.identity import check_digit
from anju.people.models import Person
from anju.people.services import person_create

DEMO_PASSWORD = "anju-demo-2026"
TREE = Path(__file__).resolve().parents[3] / "jurisdictions" / "data" / "demo_district.csv"

# (username, role, node code, name, phone, purpose)
ACCOUNTS = [
    ("admin", Role.ADMIN, "330000", "系统管理员", "", ""),
    ("commander", Role.COMMANDER, "330106", "西湖区指挥长", "", ""),
    ("officer_wx", Role.OFFICER, "330106510100", "文新所民警 王警官", "", ""),
    ("officer_gd", Role.OFFICER, "330106510200", "古荡所民警 李警官", "", ""),
    ("aux_wh", Role.AUXILIARY, "330106006001", "文华社区专管员 陈", "", ""),
    ("grid_wh1", Role.GRID_WORKER, "33010600600101", "文华社区第1网格员 赵", "", ""),
    ("edu_dept", Role.DEPARTMENT, "330106", "区教育局 数据专员", "", "义务教育入学资格审核 school enrolment checks"),
    ("13800000001", Role.LANDLORD, None, "房东 周先生", "13800000001", ""),
    ("13800000002", Role.EMPLOYER, None, "用工单位 吴经理", "13800000002", ""),
    ("13800000003", Role.RESIDENT, None, "居民 刘女士", "13800000003", ""),
]

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍建华红梅鑫波斌宇浩凯健俊帆帅旭宁龙林欣佳琳晨雪婷"
ORIGINS = ["342401", "411302", "421081", "362201", "511323", "430524", "330382", "330681", "320382", "500228", "522121",
           "410526", "340822", "360731", "450881", "330106"]
ROADS = ["文一西路", "古墩路", "天目山路", "学院路", "教工路", "文三路", "益乐路", "紫荆花路", "莫干山路", "丰潭路"]


def make_id_number(rng: random.Random, region: str, birth: date, sex: str) -> str:
    seq = rng.randrange(0, 499) * 2 + (1 if sex == "1" else 2)
    body = f"{region}{birth:%Y%m%d}{seq:03d}"
    return body + check_digit(body)


class Command(BaseCommand):
    help = "Load the demo district (jurisdictions, accounts, houses, residents) / 载入演示数据"

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("演示数据不能载入生产环境 / the demo is not loaded in production (ANJU_ENV=production)")
        if User.objects.filter(username="admin").exists():
            self.stdout.write("演示数据已存在 / demo data already loaded")
        else:
            self.load()
        self.print_accounts()

    @transaction.atomic
    def load(self):
        report = jurisdictions_import(text=TREE.read_text(encoding="utf-8"))
        if report.errors:
            raise CommandError(f"demo tree: {report.errors}")
        nodes = {n.code: n for n in Node.objects.all()}
        users = {}
        for username, role, code, name, phone, purpose in ACCOUNTS:
            users[username] = user_create(
                username=username, role=role, jurisdiction=nodes.get(code) if code else None, full_name=name,
                phone=phone, purpose=purpose, password=DEMO_PASSWORD if role not in {Role.LANDLORD, Role.EMPLOYER, Role.RESIDENT} else None,
            )
        police = {u.jurisdiction.code: u for u in users.values() if u.role == Role.OFFICER}
        landlord_verify(user=users["13800000001"], name="周建国", id_number=make_id_number(random.Random(1), "330106",
                                                                                          date(1970, 5, 4), "1"))
        rng = random.Random(20261123)
        grids = sorted((n for n in nodes.values() if n.level == "grid"), key=lambda n: n.code)
        kinds = [HouseKind.WHOLE_RENTAL] * 5 + [HouseKind.GROUP_RENTAL, HouseKind.OWNER_OCCUPIED, HouseKind.OWNER_OCCUPIED,
                                                 HouseKind.SHORT_TERM, HouseKind.DORMITORY]
        today = date.today()
        used = set()
        for g_index, grid in enumerate(grids):
            road = ROADS[g_index % len(ROADS)]
            for h in range(3):
                number = 100 + g_index * 10 + h
                address = f"浙江省杭州市西湖区{road}{number}号{h + 1}幢{rng.randint(1, 3)}单元{rng.randint(1, 6)}0{rng.randint(1, 4)}室"
                landlord = users["13800000001"] if (g_index == 0 and h < 2) else None
                standard = address_upsert(code=f"{grid.code}{h + 1:03d}", full_address=address, jurisdiction=grid,
                                          road=road, house_number=str(number))
                house = house_register(actor=police[grid.path.split("/")[3]], standard_address=standard,
                                       kind=rng.choice(kinds), landlord=landlord)
                for _ in range(rng.randint(1, 4)):
                    sex = rng.choice("12")
                    birth = today - timedelta(days=rng.randint(3 * 365, 75 * 365))
                    region = rng.choice(ORIGINS)
                    id_number = make_id_number(rng, region, birth, sex)
                    while id_number in used:
                        id_number = make_id_number(rng, region, birth, sex)
                    used.add(id_number)
                    name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
                    person_create(actor=None, name=name, id_number=id_number, jurisdiction=grid, house=house,
                                  address=address, phone=f"1{rng.choice('3578')}{rng.randint(0, 10**9 - 1):09d}",
                                  ethnicity="01" if rng.random() < 0.93 else rng.choice(["03", "08", "06", "15"]))
        self.load_boundaries(nodes)
        self.load_registrations(rng, users, grids, police)
        # The demo resident's own record, so "my record" shows something.
        resident = users["13800000003"]
        person = Person.objects.filter(jurisdiction=grids[0]).order_by("pk").first()
        person.account = resident
        person.save(update_fields=["account"])
        self.stdout.write(f"已载入演示辖区 / demo loaded: {len(nodes)} 个辖区节点 nodes, "
                          f"{Person.objects.count()} 名实有人口 people")

    def load_boundaries(self, nodes):
        """Rectangles for the map (west/east stations, community strips, grid bands): made up, not real borders."""
        def rect(x0, y0, x1, y1):
            return {"type": "Polygon", "coordinates": [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]}

        x0, y0, x1, y1 = 120.05, 30.24, 120.17, 30.32
        stations = sorted((n for n in nodes.values() if n.level == "station"), key=lambda n: n.code)
        Node.objects.filter(pk=nodes["330106"].pk).update(boundary=rect(x0, y0, x1, y1))
        for i, station in enumerate(stations):
            sx0 = x0 + (x1 - x0) * i / len(stations)
            sx1 = x0 + (x1 - x0) * (i + 1) / len(stations)
            Node.objects.filter(pk=station.pk).update(boundary=rect(sx0, y0, sx1, y1))
            communities = sorted((n for n in nodes.values() if n.parent_id == station.pk), key=lambda n: n.code)
            for j, community in enumerate(communities):
                cx0 = sx0 + (sx1 - sx0) * j / len(communities)
                cx1 = sx0 + (sx1 - sx0) * (j + 1) / len(communities)
                Node.objects.filter(pk=community.pk).update(boundary=rect(cx0, y0, cx1, y1))
                grids = sorted((n for n in nodes.values() if n.parent_id == community.pk), key=lambda n: n.code)
                for k, grid in enumerate(grids):
                    gy0 = y0 + (y1 - y0) * k / len(grids)
                    gy1 = y0 + (y1 - y0) * (k + 1) / len(grids)
                    Node.objects.filter(pk=grid.pk).update(boundary=rect(cx0, gy0, cx1, gy1))

    def load_registrations(self, rng, users, grids, police):
        """Most residents registered over the last two years, some moved away, some waiting for verification,
        a few flagged, tenants past the deadline, a workplace with a worker, and a watchlist hit."""
        from anju.cockpit.aggregates import refresh
        from anju.houses.models import House
        from anju.houses.services import tenant_check_in
        from anju.people.registry import population_import
        from anju.registrations.models import Declaration, Registration
        from anju.registrations.services import declaration_approve, declare, organisation_create, registration_end, \
            worker_register
        from anju.watchlist.services import watch_entry_save

        today = date.today()
        people = list(Person.objects.select_related("house", "jurisdiction").order_by("pk"))
        registry_rows = []
        for index, person in enumerate(people):
            station = police[person.jurisdiction.path.split("/")[3]]
            move_in = today - timedelta(days=rng.randint(4, 1500))
            registry_name = person.name if index % 25 else person.name[0] + "某某"  # a few 人证不一 for the queue
            registry_rows.append(f"{person.id_number},{registry_name},{person.sex},{person.birth_date}\n")
            declaration = declare(actor=users["13800000003"], channel="resident", house=person.house,
                                  name=person.name, id_number=person.id_number, move_in=min(move_in, today),
                                  phone=person.phone, idempotency_key=f"demo-{person.pk}",
                                  education=rng.choice(["21", "31", "41", "61", "61", "71", "71", "71", "81"]))
            if index % 9 == 0:
                continue  # left waiting in the queue
            Declaration.objects.filter(pk=declaration.pk).update(flags=[])  # decided before the registry was loaded
            declaration.refresh_from_db()
            registration = declaration_approve(actor=station, declaration=declaration)
            Registration.objects.filter(pk=registration.pk).update(starts_on=move_in)
            if index % 13 == 0:
                registration_end(actor=station, registration=registration, reason="本人已搬离",
                                 ended_on=today - timedelta(days=rng.randint(0, 300)))
        path = Path(settings.DATA_DIR) / "demo-population.csv"
        path.write_text("id_number,name,sex,birth_date\n" + "".join(registry_rows), encoding="utf-8")
        population_import(path=path)
        # Two new declarations after the registry arrived: one clean, one 人证不一 (flagged for the officer).
        house = House.objects.filter(landlords=users["13800000001"]).order_by("pk").first()
        for seq, name in ((211, "吴晓明"), (213, "郑小红")):
            number = make_id_number(random.Random(seq), "342401", date(1996, 3, 3), "1" if seq == 211 else "2")
            declare(actor=users["13800000003"], channel="resident", house=house, name=name, id_number=number,
                    move_in=today - timedelta(days=1), phone="13900001111", idempotency_key=f"demo-new-{seq}")
        # Tenants checked in by the landlord, two of them past the deadline.
        for days, seq, name in ((1, 301, "冯立"), (6, 303, "陈静"), (9, 305, "褚强")):
            number = make_id_number(random.Random(seq), "411302", date(1990, 7, 7), "1" if name != "陈静" else "2")
            tenant_check_in(actor=users["13800000001"], house=house, name=name, id_number=number,
                            move_in=today - timedelta(days=days), idempotency_key=f"demo-tenant-{seq}")
        # A workplace and its worker (业态码).
        factory = organisation_create(actor=police["330106510100"], name="文新电子厂", kind="factory",
                                      standard_address=house.standard_address, operator_phone="13800000002")
        worker_register(actor=users["13800000002"], organisation=factory, house=house, name="蒋工",
                        id_number=make_id_number(random.Random(401), "362201", date(1993, 9, 9), "1"),
                        move_in=today - timedelta(days=2), position="装配工", idempotency_key="demo-worker")
        # A wanted person, and a declaration under a homophone name with the true birth date: an alert.
        wanted = make_id_number(random.Random(501), "522121", date(1984, 2, 14), "1")
        watch_entry_save(actor=users["officer_wx"], watch_id="ZT-2026-0001", id_number=wanted, name="沈建国",
                         reason="网上追逃（演示）", issuing_unit="演示单位")
        declare(actor=users["13800000003"], channel="resident", house=house, name="沈建囯",
                id_number=make_id_number(random.Random(503), "522121", date(1984, 2, 14), "1"),
                move_in=today - timedelta(days=1), phone="13900002222", idempotency_key="demo-wanted")
        refresh()

    def print_accounts(self):
        self.stdout.write("\n演示账号 Demo accounts (工作人员密码 staff password: %s)" % DEMO_PASSWORD)
        self.stdout.write("  工作人员 Staff — http://127.0.0.1:8000/login/")
        for username, role, code, name, phone, purpose in ACCOUNTS:
            if role in {Role.LANDLORD, Role.EMPLOYER, Role.RESIDENT}:
                continue
            self.stdout.write(f"    {username:<12} {Role(role).label:<16} {name}")
        self.stdout.write("  公众 Public (手机号+短信验证码, 验证码打印在服务器终端 / the SMS code is printed in the server's terminal)"
                          " — http://127.0.0.1:8000/m/login/")
        for username, role, code, name, phone, purpose in ACCOUNTS:
            if role in {Role.LANDLORD, Role.EMPLOYER, Role.RESIDENT}:
                self.stdout.write(f"    {phone:<12} {Role(role).label:<16} {name}")
