"""`anju import registrations` rows per second: a file that creates its registrations, the same file again, and a
later file that gives every registration another house (all moved: the registration moves, its person with it, and
the door cards at the house left stop), on a fresh SQLite database (and PostgreSQL when it answers).

    python benchmarks/bench_registrations_import.py [--quick]

The city: 400 houses; the file's rows (4,000, ten a house; --quick 1,000) are spread over them, one in ten holding a
door card; the moving file names for each row the next house's address (an import measured by a helper at load 10
took ~60 s for 4,000 moved rows before ``core.bulk.update_many``). Baselines in the same run and process:
writing the same number of new registrations with ``core.bulk.insert_many`` (the create path's raw write), and, for
the two later files, the create path's own rate.
"""
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
NAME = "registrations import"
HOUSES = 400


def _inner(rows: int) -> dict:
    """In a process with a fresh database: the three imports, timed, and the baseline."""
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from anju.accounts.models import User
    from anju.addresses.services import address_upsert
    from anju.core.bulk import insert_many
    from anju.doors.services import credential_issue
    from anju.houses.services import house_register
    from anju.jurisdictions.models import Node
    from anju.jurisdictions.services import jurisdictions_import
    from anju.lib.identity import check_digit
    from anju.registrations.imports import registrations_import
    from anju.registrations.models import Registration

    jurisdictions_import(text=(ROOT / "anju/jurisdictions/data/demo_district.csv").read_text())
    grid = Node.objects.filter(level="grid").order_by("code").first()
    station = grid
    while station.level != "station":
        station = station.parent
    police = User.objects.create(username="bench-police", role="officer", jurisdiction=station)
    codes = []
    for h in range(HOUSES):
        standard = address_upsert(code=f"BENCH-{h:04d}", full_address=f"文一西路{h + 1}号1幢1单元101室",
                                  jurisdiction=grid)
        house_register(actor=police, standard_address=standard, kind="rental")
        codes.append(standard.code)

    def number(i):
        body = f"330106{1960 + i % 40}{1 + (i // 40) % 12:02d}{1 + (i // 480) % 28:02d}{i % 1000:03d}"
        return body + check_digit(body)

    def write(name, shift):
        path = Path(tempfile.gettempdir()) / f"bench-reg-{os.getpid()}-{name}.csv"
        path.write_text("registration_id,id_number,name,phone,address_code,registered_at,status\n" + "".join(
            f"R-{i:06d},{number(i)},压测{i % 1000},1390000{i % 10000:04d},{codes[(i + shift) % HOUSES]},2025-05-01,"
            f"active\n" for i in range(rows)), encoding="utf-8")
        return path

    def timed(path):
        start = time.perf_counter()
        report = registrations_import(path=path)
        seconds = time.perf_counter() - start
        assert not report.errors, report.errors[:3]
        return rows / seconds, report

    first, moving = write("first", 0), write("moved", 1)
    created, report = timed(first)
    assert report.created == rows, report
    cards = 0
    for registration in Registration.objects.filter(number__in=[f"R-{i:06d}" for i in range(0, rows, 10)]):
        credential_issue(actor=police, house=registration.house, registration=registration, uid=f"C{registration.pk}")
        cards += 1
    again, report = timed(first)
    assert report.unchanged == rows, report
    moved, report = timed(moving)
    assert report.updated == rows and report.people_moved == rows, report
    stopped = Registration.objects.filter(door_credentials__status="cancelled").count()
    assert stopped == cards, (stopped, cards)
    # baseline: the same number of new registrations written by insert_many alone
    model = Registration.objects.get(number="R-000000")
    fresh = []
    for i in range(rows):
        model.pk, model.number = None, f"B-{i:06d}"
        fresh.append(Registration(**{f.attname: getattr(model, f.attname) for f in Registration._meta.concrete_fields
                                     if not f.primary_key}))
    start = time.perf_counter()
    insert_many(Registration, fresh)
    raw = rows / (time.perf_counter() - start)
    return {"create": created, "again": again, "moved": moved, "raw": raw, "cards": cards}


def _measure(rows: int, database_url: str | None) -> dict:
    with tempfile.TemporaryDirectory() as data:
        env = {**os.environ, "ANJU_DATA_DIR": data, "DJANGO_SETTINGS_MODULE": "anju.settings"}
        env.pop("DATABASE_URL", None)
        if database_url:
            env["DATABASE_URL"] = database_url
        done = subprocess.run([sys.executable, __file__, "--inner", str(rows)], cwd=ROOT, env=env,
                              capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(done.stderr[-3000:])
        return json.loads(done.stdout.strip().splitlines()[-1])


def _rows(label: str, rows: int, result: dict) -> list[dict]:
    def row(metric, value, baseline_name, baseline):
        return {"benchmark": NAME, "metric": f"{label}: {metric} ({rows:,} rows, {HOUSES} houses)",
                "value": round(value), "unit": "rows/s",
                "baseline": {"name": baseline_name, "value": round(baseline), "unit": "rows/s"}, "target": "",
                "status": "ok"}

    create = result["create"]
    return [row("a file creating its registrations", create, "insert_many of as many registrations", result["raw"]),
            row("the same file again", result["again"], "the create path, same run", create),
            row(f"every registration moved to another house ({result['cards']} door cards stopped)", result["moved"],
                "the create path, same run", create)]


def run(quick: bool = False) -> list[dict]:
    from benchmarks._server import fresh_database, postgres_available

    rows = 1000 if quick else 4000
    out = _rows("SQLite", rows, _measure(rows, None))
    reason = postgres_available()
    if reason:
        out.append({"benchmark": NAME, "metric": "PostgreSQL", "value": None, "unit": "rows/s", "baseline": None,
                    "target": "", "status": f"skipped: {reason}"})
    else:
        with fresh_database("bench_regimport") as url:
            out += _rows("PostgreSQL", rows, _measure(rows, url))
    return out


if __name__ == "__main__":
    if sys.argv[1:2] == ["--inner"]:
        print(json.dumps(_inner(int(sys.argv[2]))))
    else:
        for r in run(quick="--quick" in sys.argv):
            base = f"  (baseline {r['baseline']['name']}: {r['baseline']['value']})" if r["baseline"] else ""
            print(f"{r['metric']}: {r['value']} {r['unit']}{base} [{r['status']}]")
