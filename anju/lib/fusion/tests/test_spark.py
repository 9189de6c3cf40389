"""The Spark backend in local mode: the same model scores and groups the same records as DuckDB does.

Needs pyspark (optional and heavy: ``make test-spark`` installs it from requirements-spark.txt) and a Java
runtime; skipped with the reason otherwise. Training is done on DuckDB (a sample is enough); Spark scores and groups."""
import os
import shutil

import pytest

from anju.lib.fusion.link import link, record
from anju.lib.identity import check_digit

pytest.importorskip("pyspark", reason="pyspark is not installed (the optional Spark backend: make test-spark)")
if shutil.which("java") is None:
    pytest.skip("no Java runtime for Spark", allow_module_level=True)
if not os.environ.get("ANJU_TEST_SPARK"):
    pytest.skip("a JVM and Spark in local mode (about 30 s): `make test-spark` runs it (CI does)",
                allow_module_level=True)


def people(n=40):
    rows = []
    surnames, given = "王李张刘陈杨黄赵吴周", "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超"
    for i in range(n):
        body = f"3301061990{(i % 12) + 1:02d}{(i % 27) + 1:02d}{100 + i:03d}"
        number = body + check_digit(body)
        name = surnames[i % 10] + given[(i * 7) % 17] + given[(i * 3) % 17]
        phone = f"138{i:08d}"
        birth = f"1990-{(i % 12) + 1:02d}-{(i % 27) + 1:02d}"
        rows.append(record(f"P{i}", id_number=number, name=name, birth=birth, sex="1"))
        rows.append(record(f"A{i}", id_number=number, name=name, phone=phone, meaning="home", code=f"C{i}",
                           building=f"B{i % 9}", house=f"H{i % 9}"))
        rows.append(record(f"B{i}", name=name, phone=phone, meaning="home", code=f"C{i}", building=f"B{i % 9}",
                           house=f"H{i % 9}"))
        typo = number[:10] + str((int(number[10]) + 1) % 10) + number[11:]
        rows.append(record(f"C{i}", id_number=typo, name=name, birth=birth))
    return rows


def test_spark_local_mode_groups_as_duckdb_does():
    from anju.lib.fusion.model import spark_api

    rows = people()
    duck = link(rows)
    api = spark_api(partitions=2)
    try:
        spark = link(rows, db_api=api, model=duck.model)
    finally:
        api.spark.stop()

    def groups(result):
        out = {}
        for row, label in zip(rows, result.labels):
            out.setdefault(label, set()).add(row["unique_id"])
        return sorted(sorted(g) for g in out.values())

    assert groups(spark) == groups(duck)
    assert len(groups(duck)) == 40  # each person's four records, one group per person
