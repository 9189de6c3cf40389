"""Loads a small coherent demo district: the tree, one account per role, and a 300-resident city from the
simulator (addresses, identity registry, registrations, watchlist) with houses, people and a few live cases.

Deterministic (fixed seed) and idempotent: a second run changes nothing.
Refused in production.
"""
import random
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from anju.accounts.choices import Department, Role
from anju.accounts.models import User
from anju.accounts.services import user_create
from anju.houses.choices import HouseKind
from anju.addresses.services import address_upsert
from anju.houses.services import house_register, landlord_verify
from anju.jurisdictions.models import Node
from anju.jurisdictions.services import jurisdictions_import
from anju.core.crypto import decrypt as crypto_decrypt
from anju.lib.identity import check_digit
from anju.lib.residence import in_force
from anju.people.models import Person
from anju.people.services import Residence, person_create, person_residence_set

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
    ("housing_dept", Role.DEPARTMENT, "330106", "区住建局 数据专员", "", "住房租赁管理 rental housing management"),
    ("health_dept", Role.DEPARTMENT, "330106", "区卫健局 数据专员", "",
     "基本公共卫生服务 basic public health services"),
    ("hr_dept", Role.DEPARTMENT, "330106", "区人社局 数据专员", "",
     "农民工就业服务和参保 employment services and social insurance"),
    ("civil_dept", Role.DEPARTMENT, "330106", "区民政局 数据专员", "",
     "特殊困难老年人探访关爱 visits to elderly people in need"),
    ("13800000001", Role.LANDLORD, None, "房东 周先生", "13800000001", ""),
    ("13800000002", Role.EMPLOYER, None, "用工单位 吴经理", "13800000002", ""),
    ("13800000003", Role.RESIDENT, None, "居民 刘女士", "13800000003", ""),
]
# what a department user reads follows its department
DEPARTMENTS = {"edu_dept": Department.EDUCATION, "housing_dept": Department.HOUSING, "health_dept": Department.HEALTH,
               "hr_dept": Department.HUMAN_RESOURCES, "civil_dept": Department.CIVIL_AFFAIRS}



def make_id_number(rng: random.Random, region: str, birth: date, sex: str) -> str:
    seq = rng.randrange(0, 499) * 2 + (1 if sex == "1" else 2)
    body = f"{region}{birth:%Y%m%d}{seq:03d}"
    return body + check_digit(body)


# Education of the demo's adults (GB/T 4658 codes) and how often each is drawn; a pupil's is the school they attend
ADULT_EDUCATION = (("81", 6), ("71", 30), ("61", 16), ("44", 10), ("31", 15), ("21", 18), ("14", 4), ("90", 1))
PUPIL_EDUCATION = ((7, ""), (13, "80"), (16, "70"), (19, "60"))  # (under this age, education)


def demo_education(rng: random.Random, birth: date | None) -> str:
    """An education for a demo person of this birth date: none before school, a pupil's school, an adult's drawn."""
    if birth is None:
        return ""
    age = (date.today() - birth).days // 365
    for below, code in PUPIL_EDUCATION:
        if age < below:
            return code
    codes, weights = zip(*ADULT_EDUCATION)
    return rng.choices(codes, weights)[0]


def _resident_account(phone: str, name: str) -> User:
    """A resident's own account (signed in by SMS), as the public sign-in makes one: the demo's other declarants."""
    return user_create(username=phone, role=Role.RESIDENT, phone=phone, full_name=name)


def load_accounts() -> dict:
    """The demo's jurisdiction tree and its accounts (staff with DEMO_PASSWORD), by username: the first step of the
    demo, and all that a test of what each role sees needs of it."""
    report = jurisdictions_import(text=TREE.read_text(encoding="utf-8"))
    if report.errors:
        raise CommandError(f"demo tree: {report.errors}")
    nodes = {n.code: n for n in Node.objects.all()}
    return {username: user_create(
        username=username, role=role, jurisdiction=nodes.get(code) if code else None, full_name=name,
        phone=phone, purpose=purpose, department=DEPARTMENTS.get(username, ""),
        password=DEMO_PASSWORD if role not in {Role.LANDLORD, Role.EMPLOYER, Role.RESIDENT} else None,
    ) for username, role, code, name, phone, purpose in ACCOUNTS}


class Command(BaseCommand):
    help = "Load the demo district (jurisdictions, accounts, houses, residents) / 载入演示数据"

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("演示数据不能载入生产环境 / the demo is not loaded in production (ANJU_ENV=production)")
        if User.objects.filter(username="admin").exists():
            self.stdout.write("演示数据已存在 / demo data already loaded")
        else:
            from django.test.utils import override_settings

            # Loading texts nobody: the demo's SMS messages would only clutter the terminal.
            with override_settings(ANJU_SMS_BACKEND="anju.accounts.sms.MemoryBackend"):
                self.load()
        self.print_accounts()

    @transaction.atomic
    def load(self):
        users = load_accounts()
        nodes = {n.code: n for n in Node.objects.all()}
        police = {u.jurisdiction.code: u for u in users.values() if u.role == Role.OFFICER}
        landlord_verify(user=users["13800000001"], name="周建国", id_number=make_id_number(random.Random(1), "330106",
                                                                                          date(1970, 5, 4), "1"))
        self.load_city(users, police)
        nodes = {n.code: n for n in Node.objects.all()}
        self.load_boundaries(nodes)
        self.load_scenario(users, police)
        self.load_doors(users, police)
        self.load_fusion()
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

    def load_city(self, users, police):
        """The district's people, addresses and records come from the simulator (`anju simulate city`), as of today,
        through the same import commands a department's files go through."""
        from anju.addresses.services import addresses_import
        from anju.houses.models import House
        from anju.people.registry import population_import
        from anju.registrations.imports import registrations_import
        from anju.registrations.models import Registration
        from anju.simulation.city import generate
        from anju.simulation.output import write_city
        from anju.simulation.params import Params
        from anju.watchlist.services import watchlist_import

        folder = Path(settings.DATA_DIR) / "demo-city"
        write_city(generate(residents=300, seed=20261123, as_of=date.today(), params=Params.from_overrides(None)), folder)
        report = jurisdictions_import(text=(folder / "jurisdictions.csv").read_text(encoding="utf-8"))
        if report.errors:
            raise CommandError(f"simulated tree: {report.errors}")
        addresses_import(path=folder / "addresses.csv")
        population_import(path=folder / "population.csv")
        registrations_import(path=folder / "registrations.csv")
        watchlist_import(path=folder / "watchlist.csv")
        self.city_folder = folder
        kinds = {}
        with open(folder / "truth" / "addresses.csv", encoding="utf-8") as fh:
            for row in __import__("csv").DictReader(fh):
                kinds[row["address_code"]] = row["kind"]
        rng = random.Random(20261123)
        house_kinds = [HouseKind.WHOLE_RENTAL] * 5 + [HouseKind.GROUP_RENTAL, HouseKind.OWNER_OCCUPIED,
                                                       HouseKind.OWNER_OCCUPIED, HouseKind.SHORT_TERM]
        from anju.addresses.models import StandardAddress

        dwellings = StandardAddress.objects.filter(code__in=[c for c, k in kinds.items() if k == "dwelling"]) \
            .select_related("jurisdiction").order_by("code")
        for index, address in enumerate(dwellings):
            station = address.jurisdiction.path.split("/")[3]
            house_register(actor=police[station], standard_address=address, kind=rng.choice(house_kinds),
                           landlord=users["13800000001"] if index < 3 else None)  # takes its registrations
        # The population list: the import put the people of its registrations in force on it, at their addresses;
        # those registered at a known house live at that house now, with the education a register collects on a
        # household visit (the imported registrations state none)
        in_force_by_number = {}
        for registration in Registration.objects.filter(status="active").select_related("house", "jurisdiction"):
            if "id_error" not in registration.extra:
                in_force_by_number.setdefault(registration.id_hash, []).append(registration)
        for registrations in in_force_by_number.values():
            registration = in_force(registrations)  # the one the import has them live at
            if registration.house is None:
                continue
            person_residence_set(actor=None, id_number=registration.id_number, name=registration.name,
                                 residence=Residence(jurisdiction=registration.jurisdiction, house=registration.house,
                                                     address=registration.address, registration=registration.pk),
                                 phone=registration.phone if len(registration.phone) == 11 else "",
                                 education=demo_education(rng, registration.birth_date))
        assert House.objects.exists()

    def load_doors(self, users, police):
        """Door controllers at the landlord's houses, cards for the people registered there, a month of swipes sent
        through the signed device protocol (days present, residence proofs), and a forced door for the alarms.
        `anju devices simulate` (with a broker and `anju ingest mqtt`) makes the traffic live."""
        from django.utils import timezone

        from anju.doors.ingest import Message, ingest
        from anju.doors.services import DoorError, credential_issue, device_register, device_secret
        from anju.houses.models import House
        from anju.lib.doors import protocol
        from anju.registrations.models import Registration

        now = timezone.now()
        rng = random.Random(20261123)
        houses = House.objects.filter(landlords=users["13800000001"]).order_by("pk")
        for i, house in enumerate(houses):
            officer = police[house.jurisdiction.path.split("/")[3]]
            device = device_register(actor=officer, device_id=f"DEMO-{i + 1:03d}", house=house,
                                     standard_address=house.standard_address, name=f"{house.address} 单元门")
            cards = []
            for j, registration in enumerate(Registration.objects.filter(house=house, status="active").order_by("pk")):
                try:
                    cards.append(credential_issue(actor=officer, house=house, registration=registration,
                                                  uid=f"D{i + 1:02d}{j + 1:04d}C0"))
                except DoorError:  # an old registration past its validity: no card until it is renewed
                    continue
            events, seq = [], 0
            for day in range(30, 0, -1):
                for card in cards:
                    if rng.random() < 0.85:
                        seq += 1
                        at = now - timedelta(days=day) + timedelta(hours=rng.randrange(-12, 12))
                        events.append({"seq": seq, "at": int(at.timestamp() * 1000), "kind": "swipe", "method": "card",
                                       "credential": card.uid, "direction": "in", "result": "granted",
                                       "door": "closed"})
            if i == 0:
                seq += 1
                events.append({"seq": seq, "at": int((now - timedelta(minutes=20)).timestamp() * 1000),
                               "kind": "forced", "method": "none", "result": "", "door": "open"})
            secret, ts = device_secret(device.device_id, device.secret_version), int(now.timestamp())
            messages = [Message(protocol.envelope_bytes(secret, device=device.device_id, ts=ts,
                                                        events=events[k:k + protocol.MAX_EVENTS]), source="http")
                        for k in range(0, len(events), protocol.MAX_EVENTS)]
            messages.append(Message(protocol.envelope_bytes(secret, device=device.device_id, ts=ts, status={
                "door": "open" if i == 0 else "closed", "tamper": False, "last_seq": seq}), source="http"))
            ingest(messages, now=now)

    def load_fusion(self):
        """The city's department and sensor records and the demo doors' swipes, matched by a fusion run: findings for the officers, and the
        cockpit's registration rate and accuracy."""
        from anju.cockpit.aggregates import refresh
        from anju.fusion.imports import observations_import
        from anju.fusion.pipeline import fusion_run

        from anju.doors.feed import door_feed

        observations_import(path=self.city_folder / "observations.csv")
        door_feed(days=35)  # the platform's own door swipes, as `anju doors feed` does daily
        fusion_run()
        refresh()

    def load_scenario(self, users, police):
        """What makes the system look alive: declarations waiting (one flagged 人证不一), the demo resident's own
        approved registration, tenants past the deadline, a workplace with a worker, and a watchlist hit.

        The landlord's first house is let room by room (群租, rooms A–C): the landlord checked three tenants in, the
        demo resident declared there and was approved, five more people declared themselves there, each
        from their own phone (as residents do: a resident's account files their own declarations, so "我的申报" holds
        theirs alone), and a factory registered a worker there."""
        from anju.houses.models import House
        from anju.houses.services import house_update, room_add, tenant_check_in
        from anju.people.models import RegistryRecord
        from anju.registrations.models import Registration
        from anju.registrations.services import declaration_approve, declare, organisation_create, worker_register
        from anju.watchlist.services import watch_entry_save

        today = date.today()
        landlord = users["13800000001"]
        house = House.objects.filter(landlords=landlord).order_by("pk").first()
        house = house_update(actor=landlord, house=house, kind=HouseKind.GROUP_RENTAL, capacity=12,
                             floor_area=house.floor_area)
        rooms = [room_add(actor=landlord, house=house, number=number, capacity=4) for number in ("A", "B", "C")]
        station = police[house.jurisdiction.path.split("/")[3]]
        registered = set(Registration.objects.filter(status="active").values_list("id_hash", flat=True))
        unregistered = [r for r in RegistryRecord.objects.order_by("pk") if r.id_hash not in registered][:6]
        resident = users["13800000003"]
        for index, record in enumerate(unregistered):
            name = record.name if index != 1 else record.name[0] + "某" + record.name[2:]  # one 人证不一
            phone = "13900001111" if index == 0 else f"139000011{index + 11}"
            declarant = resident if index == 0 else _resident_account(phone, name)
            declaration = declare(actor=declarant, channel="resident", house=house, name=name, room=rooms[index % 3],
                                  id_number=crypto_decrypt(record.id_cipher), move_in=today - timedelta(days=index + 1),
                                  phone=phone, idempotency_key=f"demo-declare-{index}",
                                  education=["21", "31", "61", "71", "71", "81"][index])
            if index == 0:  # the demo resident's own, approved: "my record" has a certificate to download
                registration = declaration_approve(actor=station, declaration=declaration)
                Person.objects.filter(id_hash=registration.id_hash).update(account=resident)
                if not Person.objects.filter(account=resident).exists():
                    person = person_create(actor=None, name=registration.name, id_number=registration.id_number,
                                           jurisdiction=registration.jurisdiction, house=house, address=house.address)
                    Person.objects.filter(pk=person.pk).update(account=resident)
                # the account is the person's: the top bar greets her by the name on her record
                User.objects.filter(pk=resident.pk).update(first_name=registration.name)
        for (days, seq, name), room in zip(((1, 301, "冯立"), (6, 303, "陈静"), (9, 305, "褚强")), rooms):
            number = make_id_number(random.Random(seq), "411302", date(1990, 7, 7), "1" if name != "陈静" else "2")
            tenant_check_in(actor=landlord, house=house, name=name, id_number=number, room=room,
                            move_in=today - timedelta(days=days), idempotency_key=f"demo-tenant-{seq}")
        factory = organisation_create(actor=station, name="文新电子厂", kind="factory",
                                      standard_address=house.standard_address, operator_phone="13800000002")
        worker_register(actor=users["13800000002"], organisation=factory, house=house, name="蒋工",
                        id_number=make_id_number(random.Random(401), "362201", date(1993, 9, 9), "1"),
                        move_in=today - timedelta(days=2), position="装配工", idempotency_key="demo-worker")
        wanted = make_id_number(random.Random(501), "522121", date(1984, 2, 14), "1")
        watch_entry_save(actor=users["officer_wx"], watch_id="ZT-2026-0001", id_number=wanted, name="沈建国",
                         reason="网上追逃（演示）", issuing_unit="演示单位")
        declare(actor=_resident_account("13900002222", "沈建囯"), channel="resident", house=house, name="沈建囯",
                room=rooms[2],
                id_number=make_id_number(random.Random(503), "522121", date(1984, 2, 14), "1"),
                move_in=today - timedelta(days=1), phone="13900002222", idempotency_key="demo-wanted")
        from anju.cockpit.aggregates import refresh

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
        names = dict(User.objects.filter(username__in=[a[0] for a in ACCOUNTS]).values_list("username", "first_name"))
        for username, role, code, name, phone, purpose in ACCOUNTS:
            if role in {Role.LANDLORD, Role.EMPLOYER, Role.RESIDENT}:
                self.stdout.write(f"    {phone:<12} {Role(role).label:<16} {names.get(username) or name}")
