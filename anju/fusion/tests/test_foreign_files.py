"""The batch contract on files shaped as other departments write them (benchmarks/bench_fusion_foreign.py finds
these on larger cities): what the contract allows must not cost findings."""
import csv

import pytest
from django.core.management import call_command

from anju.cli import translate
from anju.simulation.evaluate import evaluate

pytestmark = pytest.mark.django_db


def anju(*argv):
    call_command(*translate(list(argv)))


def rewrite(src, dst, change):
    with open(src, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    with open(dst, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(change(dict(zip(header, r))).values() for r in rows[1:])
    return dst


def contract(city_dir, tmp_path, registrations=None, observations=None):
    for name in ("addresses", "population"):
        anju("import", name, str(city_dir / f"{name}.csv"))
    anju("import", "registrations", str(registrations or city_dir / "registrations.csv"))
    anju("import", "observations", str(observations or city_dir / "observations.csv"))
    anju("fusion", "run")
    anju("fusion", "export", "--out", str(tmp_path / "found"))
    return evaluate(city_dir / "truth", tmp_path / "found")


def test_a_registration_with_a_typo_in_its_15_digit_number_is_linked_to_the_registry_person(city_dir, tmp_path):
    """Converting a mistyped 15-digit number computes a new check digit: a valid-looking number of nobody. It used
    to be a hard anchor, so the registration stood apart and its person was reported unregistered at home."""
    from anju.core import crypto
    from anju.fusion.models import Link
    from anju.people.models import RegistryRecord
    from anju.registrations.models import Registration

    truth = {r["registration_id"]: r for r in csv.DictReader(open(city_dir / "truth" / "registrations.csv"))}
    persons = {r["person_key"]: r for r in csv.DictReader(open(city_dir / "truth" / "persons.csv"))}
    typos = {}

    def legacy(row):
        number = row["id_number"]
        if len(number) == 18 and number[6:8] == "19":
            old = number[:6] + number[8:17]
            person = persons[truth[row["registration_id"]]["person_key"]]
            if len(typos) < 15 and truth[row["registration_id"]]["typo"] == "" and person["in_registry"] == "1" \
                    and int(row["registration_id"][-2:]) % 3 == 0:  # every third or so: a wrong sequence digit
                old = old[:12] + str((int(old[12]) + 1) % 10) + old[13:]
                typos[row["registration_id"]] = person["id_number"]
            row["id_number"] = old
        return row

    contract(city_dir, tmp_path, rewrite(city_dir / "registrations.csv", tmp_path / "registrations.csv", legacy))
    assert len(typos) == 15
    links = dict(Link.objects.values_list("uid", "entity_hash"))
    joined = 0
    for rid, number in typos.items():
        reg = Registration.objects.get(number=rid)
        person = RegistryRecord.objects.get(id_hash=crypto.blind_index(number))
        joined += links[f"R{reg.pk}"] == links[f"P{person.pk}"]
    assert joined >= 13, joined


def test_registrations_without_registered_at_still_go_stale(city_dir, tmp_path):
    """An empty registered_at is unknown. Read as the day of the import, it postdated every trace: no registration
    ever looked stale and no move looked undeclared."""
    def undated(row):
        row["registered_at"] = ""
        return row

    r = contract(city_dir, tmp_path, rewrite(city_dir / "registrations.csv", tmp_path / "registrations.csv", undated))
    assert r["stale"]["recall_revealable"] >= 0.5 and r["stale"]["precision"] >= 0.9
    assert r["suspects"]["by_kind"]["moved"]["correct"] > 0


def test_a_few_records_from_wrong_clocks_do_not_move_the_window(city_dir, tmp_path):
    """The window was the oldest and newest record: one device stamping 2037 made everyone silent for years (all
    stale), one stamping 1970 made every rhythm look slow. The window is now the main run of days."""
    from anju.fusion.models import FusionRun

    seen = {"n": 0}

    def clocks(row):
        seen["n"] += 1
        if seen["n"] % 400 == 1:
            row["observed_at"] = "1970-01-01T08:00:00"
        elif seen["n"] % 400 == 2:
            row["observed_at"] = "2037" + row["observed_at"][4:]
        return row

    r = contract(city_dir, tmp_path,
                 observations=rewrite(city_dir / "observations.csv", tmp_path / "observations.csv", clocks))
    run = FusionRun.objects.get()
    assert str(run.as_of) == "2026-09-30" and run.stats["window_start"] >= "2025-09-30"
    assert r["stale"]["precision"] >= 0.9 and r["stale"]["recall_revealable"] >= 0.5
