"""core.bulk: the imports' write path. A row written by insert_many is the row save() would have written; on
PostgreSQL every import leaves the planner statistics of the tables it filled, once it has committed."""
import csv
import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from anju.core import crypto
from anju.core.bulk import bulk_upsert, insert_many
from anju.people.registry import population_import
from anju.simulation.city import generate
from anju.simulation.output import write_city
from anju.registrations.models import Registration

COMPARED = ("number", "status", "name", "id_hash", "id_masked", "sex", "birth_date", "phone", "address",
            "starts_on", "ended_on", "end_reason", "source", "extra", "jurisdiction_id", "standard_address_id")


def _registration(number, node, **changes):
    values = dict(number=number, name="周八", id_cipher=crypto.encrypt("110101199003071234"),
                  id_hash=crypto.blind_index("110101199003071234"), id_masked="110101********1234", sex="1",
                  birth_date=dt.date(1990, 3, 7), phone="13800000000", address="某路1号", jurisdiction=node,
                  starts_on=dt.date(2025, 1, 2), status="cancelled", ended_on=dt.date(2026, 5, 1),
                  end_reason="导入文件中已注销", source="import", extra={"id_legacy": True, "address_match": {"c": 1.0}})
    return Registration(**{**values, **changes})


def test_a_row_inserted_in_bulk_is_the_row_save_writes(tree):
    node = tree["A1C1G1"]
    _registration("R-SAVED", node).save()
    insert_many(Registration, [_registration("R-BULK", node), _registration("R-BULK2", node, extra={}, ended_on=None)])
    saved, bulk = Registration.objects.get(number="R-SAVED"), Registration.objects.get(number="R-BULK")
    assert {f: getattr(bulk, f) for f in COMPARED if f != "number"} == \
        {f: getattr(saved, f) for f in COMPARED if f != "number"}
    # the ciphertexts differ (a new nonce each time), the numbers they hold do not
    assert bulk.created_at is not None and bulk.id_number == saved.id_number == "110101199003071234"
    assert Registration.objects.get(number="R-BULK2").extra == {} and Registration.objects.count() == 3


def test_an_upsert_creates_the_new_updates_the_changed_and_counts_the_rest(tree):
    node = tree["A1C1G1"]
    fields = ["name", "phone", "extra"]
    assert bulk_upsert(Registration, key="number", records={n: _registration(n, node) for n in ("R-1", "R-2")},
                       fields=fields) == (2, 0, 0)
    again = {"R-1": _registration("R-1", node, phone="13900000000"), "R-2": _registration("R-2", node),
             "R-3": _registration("R-3", node)}
    assert bulk_upsert(Registration, key="number", records=again, fields=fields) == (1, 1, 1)
    assert Registration.objects.get(number="R-1").phone == "13900000000"


# The planner's statistics after an import (PostgreSQL) ---------------------------------------------------------

def _last_analyzed(tables, *, changed_since=False) -> dict:
    """When each table was last analyzed (and how many rows have changed since)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute("SELECT relname, last_analyze, n_mod_since_analyze FROM pg_stat_user_tables "
                       "WHERE relname = ANY(%s)", [list(tables)])
        return {name: (day, changed) if changed_since else day for name, day, changed in cursor.fetchall()}


def _planner_rows(table) -> tuple[float, int]:
    """What the planner takes the table to hold, and what it holds."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [table])
        estimate = cursor.fetchone()[0]
        cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")
        return estimate, cursor.fetchone()[0]


@pytest.fixture
def postgres():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: imports ANALYZE what they wrote there, not on SQLite (measured: its plans got "
                    "better for some lists and worse for others, and SQLite never refreshes statistics by itself)")


@pytest.fixture
def small_city(tmp_path):
    write_city(generate(residents=100, seed=5), tmp_path)
    return tmp_path


@pytest.mark.django_db(transaction=True)
def test_every_import_and_a_fusion_run_leave_the_planner_statistics_of_the_tables_they_filled(postgres, small_city):
    with open(small_city / "addresses.csv", encoding="utf-8") as fh:
        address_code = next(csv.DictReader(fh))["address_code"]
    with open(small_city / "population.csv", encoding="utf-8") as fh:
        id_number = next(csv.DictReader(fh))["id_number"]
    (small_city / "devices.csv").write_text(f"device_id,address_code,name\nGATE-1,{address_code},东门\n", encoding="utf-8")
    (small_city / "offences.csv").write_text(f"record_id,id_number,offence_date,category\nO-1,{id_number},2020-01-02,"
                                             f"theft\n", encoding="utf-8")
    steps = [
        ("import_jurisdictions", "jurisdictions.csv", {"jurisdictions_node"}),
        ("import_addresses", "addresses.csv", {"addresses_standardaddress", "jurisdictions_node"}),
        ("import_population", "population.csv", {"people_registryrecord"}),
        ("import_registrations", "registrations.csv", {"registrations_registration"}),
        ("import_observations", "observations.csv", {"fusion_observation", "fusion_profile"}),
        ("import_watchlist", "watchlist.csv", {"watchlist_watchentry"}),
        ("import_devices", "devices.csv", {"doors_device"}),
        ("import_offences", "offences.csv", {"watchlist_prioroffence"}),
        ("fusion_run", None, {"fusion_link", "fusion_entity", "fusion_finding", "fusion_residence"}),
    ]
    for command, name, tables in steps:
        before = _last_analyzed(tables)
        call_command(command, *([str(small_city / name)] if name else []), stdout=io.StringIO(), stderr=io.StringIO())
        after = _last_analyzed(tables, changed_since=True)
        for table in tables:
            day, changed = after[table]
            assert day is not None and (before[table] is None or day > before[table]), (command, table)
            assert changed == 0, (command, table, changed)  # the import's own rows counted before, not after it
            estimate, rows = _planner_rows(table)
            assert rows > 0 and estimate == rows, (command, table, estimate, rows)


@pytest.mark.django_db(transaction=True)
def test_an_import_analyzes_its_tables_once_committed_and_not_when_rolled_back(postgres, small_city):
    class Undo(Exception):
        pass

    before = _last_analyzed({"people_registryrecord"})["people_registryrecord"]
    with pytest.raises(Undo), transaction.atomic():
        population_import(path=small_city / "population.csv")
        # not inside the import's transaction: the statistics wait for its commit
        assert _last_analyzed({"people_registryrecord"})["people_registryrecord"] == before
        raise Undo
    assert _last_analyzed({"people_registryrecord"})["people_registryrecord"] == before

    population_import(path=small_city / "population.csv")
    after = _last_analyzed({"people_registryrecord"})["people_registryrecord"]
    assert after is not None and (before is None or after > before)
    estimate, rows = _planner_rows("people_registryrecord")
    assert rows > 0 and estimate == rows


@pytest.mark.django_db
def test_rows_inserted_in_bulk_read_back_as_written_on_either_database():
    """insert_rows: COPY on PostgreSQL, executemany elsewhere; text, times with a zone, nothing (NULL) and JSON text
    all land as a statement would have written them."""
    from anju.core.bulk import insert_rows
    from anju.fusion.models import ImportBatch, Observation, Source

    source = Source.objects.create(name="门禁")
    batch = ImportBatch.objects.create(file_name="o.csv")
    at = dt.datetime(2026, 9, 1, 13, 10, tzinfo=dt.timezone.utc)
    columns = ("source_id", "record_id", "observed_at", "profile", "digest", "batch_id", "extra")
    # JSON as the imports hand it over: text on SQLite, psycopg's Jsonb on PostgreSQL
    if connection.vendor == "postgresql":
        from psycopg.types.json import Jsonb

        extra = Jsonb({"楼层": "3", "tab": "a\tb"})
    else:
        extra = '{"楼层": "3", "tab": "a\\tb"}'
    rows = [(source.pk, "MJ1", at, "p1", "d1", batch.pk, extra),
            (source.pk, "MJ2\t第二", None, "p2", "d2", None, "{}")]
    qn = connection.ops.quote_name
    sql = (f"INSERT INTO {qn(Observation._meta.db_table)} ({', '.join(qn(c) for c in columns)}) "
           f"VALUES ({', '.join(['%s'] * len(columns))})")
    with connection.cursor() as cursor:
        insert_rows(cursor, qn(Observation._meta.db_table), [qn(c) for c in columns], rows, sql=sql)
    got = {o.record_id: o for o in Observation.objects.all()}
    assert got["MJ1"].observed_at == at and got["MJ1"].extra == {"楼层": "3", "tab": "a\tb"}
    assert got["MJ1"].batch_id == batch.pk
    assert got["MJ2\t第二"].observed_at is None and got["MJ2\t第二"].batch_id is None and got["MJ2\t第二"].extra == {}
