"""Data fusion, the whole cycle on the simulated city: import, normalise, link, score, export — then scored.

    python benchmarks/bench_fusion.py [--quick]

Full run: the simulator's 100,000-resident city (seed 1, ≈ 1.1 M observations);
quick: 5,000 residents. Every step runs as other parties run it — the ``anju``
command line on a fresh database (SQLite under a temporary data directory; with
``--postgres`` or ``ANJU_BENCH_FUSION_PG=1``, a fresh PostgreSQL database on the
server of ``ANJU_BENCH_PG``, dropped afterwards) — and is timed on the wall clock; peak memory is the largest resident set of any
step. The newest 10,000 observations (quick: 1,000) are held back and come as a
second delivery afterwards, linked incrementally (issue 7: ≤ 30 s).

The export is scored by ``anju evaluate`` against the city's truth, beside the
naive baseline (exact ID numbers only, ``anju simulate baseline``), the ceiling
(a perfect fusion on the same data) and the seed figures (Zhejiang 2019:
registration rate 94.89 %, accuracy 97.72 %).
"""

from __future__ import annotations

import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from contextlib import nullcontext
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
NAME = "data fusion"
SEED = 1
SEED_RATE, SEED_ACCURACY = 94.89, 97.72


def _row(metric, value, unit, target="", baseline=None, status="ok"):
    return {"benchmark": NAME, "metric": metric, "value": value, "unit": unit, "baseline": baseline,
            "target": target, "status": status}


def _on_postgres() -> bool:
    return "--postgres" in sys.argv or os.environ.get("ANJU_BENCH_FUSION_PG", "") not in ("", "0")


def _anju(data_dir: Path, *argv, log: list, database: str | None = None) -> float:
    env = {**os.environ, "ANJU_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "anju.settings"}
    env.pop("DATABASE_URL", None)
    if database:
        env["DATABASE_URL"] = database
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "anju", *argv], cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    log.append({"argv": argv, "seconds": round(seconds, 1), "stdout": done.stdout[-2000:]})
    if done.returncode != 0:
        raise RuntimeError(f"anju {' '.join(argv)} failed:\n{done.stderr[-4000:]}")
    return seconds


def _split(observations: Path, old: Path, new: Path, hold_back: int) -> int:
    with observations.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        rows = list(reader)
    rows.sort(key=lambda r: r[2])  # observed_at: the newest records come last
    for path, part in ((old, rows[:-hold_back]), (new, rows[-hold_back:])):
        with path.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(header)
            w.writerows(part)
    return len(rows)


def _parse_rate(path: Path) -> float:
    """The floor of any import: rows per second csv.reader alone reads the file at."""
    start = time.perf_counter()
    with path.open(encoding="utf-8", newline="") as fh:
        n = sum(1 for _ in csv.reader(fh)) - 1
    return n / (time.perf_counter() - start)


def _copy_rate(database: str, path: Path) -> float:
    """PostgreSQL's floor for the import: rows per second COPY loads the stored observations at, as text, into a
    table like fusion_observation (its indexes and constraints), in one transaction that is rolled back."""
    import psycopg

    with psycopg.connect(database) as conn, conn.cursor() as cur:
        columns = "source_id, record_id, observed_at, profile, digest, batch_id, extra"
        with cur.copy(f"COPY (SELECT {columns} FROM fusion_observation) TO STDOUT") as copy:
            data = b"".join(bytes(block) for block in copy)
        n = data.count(b"\n")
        cur.execute("CREATE TEMP TABLE bench_copy (LIKE fusion_observation INCLUDING ALL)")
        start = time.perf_counter()
        with cur.copy(f"COPY bench_copy ({columns}) FROM STDIN") as copy:
            copy.write(data)
        conn.commit()
        seconds = time.perf_counter() - start
    path.write_text(f"{n} rows in {seconds:.2f} s\n")
    return n / seconds


def _run_stats(data_dir: Path, database: str | None = None) -> list[dict]:
    os.environ["ANJU_DATA_DIR"] = str(data_dir)
    if database:
        os.environ["DATABASE_URL"] = database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anju.settings")
    import django

    django.setup()
    from anju.fusion.models import FusionRun

    return [{"incremental": r.incremental, "stats": r.stats} for r in FusionRun.objects.order_by("pk")]


def run(quick: bool = False) -> list[dict]:
    from anju.simulation.city import generate
    from anju.simulation.evaluate import evaluate
    from anju.simulation.output import write_city

    n = 5_000 if quick else 100_000
    hold_back = 1_000 if quick else 10_000
    postgres = _on_postgres()
    if postgres:
        from benchmarks._server import fresh_database, postgres_available

        reason = postgres_available()
        if reason:
            return [_row("data fusion on PostgreSQL", None, "", status=f"skipped: {reason}")]
    size = f"{n:,} residents, seed {SEED}, {'PostgreSQL' if postgres else 'SQLite'}"
    log: list = []
    with tempfile.TemporaryDirectory(prefix="anju-bench-fusion-") as tmp, \
            (fresh_database("anju_bench_fusion") if postgres else nullcontext()) as database:
        tmp = Path(tmp)
        city, data = tmp / "city", tmp / "data"

        def anju(*argv) -> float:
            return _anju(data, *argv, log=log, database=database)

        write_city(generate(residents=n, seed=SEED), city)
        total = _split(city / "observations.csv", tmp / "old.csv", tmp / "new.csv", hold_back)
        steps = {}
        for name in ("addresses", "population", "registrations", "watchlist"):
            steps[f"import {name}"] = anju("import", name, str(city / f"{name}.csv"))
        steps["import observations"] = anju("import", "observations", str(tmp / "old.csv"))
        steps["fusion run"] = anju("fusion", "run", "--count-blocks")
        steps["fusion export"] = anju("fusion", "export", "--out", str(tmp / "first"))
        first = evaluate(city / "truth", tmp / "first")
        steps["import new batch"] = anju("import", "observations", str(tmp / "new.csv"))
        steps["incremental run"] = anju("fusion", "run")
        anju("fusion", "export", "--out", str(tmp / "found"))
        anju("alerts", "export", "--out", str(tmp / "found"))
        r = evaluate(city / "truth", tmp / "found")
        anju("simulate", "baseline", "--data", str(city), "--out", str(tmp / "naive"))
        naive = evaluate(city / "truth", tmp / "naive")
        parse_rate = _parse_rate(tmp / "old.csv")
        copy_rate = _copy_rate(database, tmp / "copy.txt") if postgres else None
        runs = _run_stats(data, database)
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    full, inc = runs[0]["stats"], runs[-1]["stats"]
    obs_rows = total - hold_back
    cycle = steps["import observations"] + steps["fusion run"] + steps["fusion export"]
    everything = sum(v for k, v in steps.items() if k not in ("import new batch", "incremental run"))
    lk, s, st, o = r["links"], r["suspects"], r["stale"], r["outcome"]
    nlk, ns, nst, no = naive["links"], naive["suspects"], naive["stale"], naive["outcome"]

    def pct(x):
        return round(x * 100, 2) if x is not None else None

    def base(value, unit=""):
        return {"name": "naive baseline (exact ID numbers)", "value": value, "unit": unit}

    rows = [
        _row(f"whole cycle: import observations + normalise + link + score + export ({size}, "
             f"{obs_rows:,} observations)", round(cycle, 1), "s", "<= 600 s"),
        _row(f"everything from a fresh database, incl. the address/registry/registration imports ({size})",
             round(everything, 1), "s"),
        _row("peak memory of any step (resident set)", round(peak), "MB"),
        _row(f"observations import speed ({obs_rows:,} rows, normalised, encrypted, watchlist-checked)",
             round(obs_rows / steps["import observations"]), "rows/s", ">= 20,000 rows/s",
             {"name": "csv.reader parsing the same file, nothing else", "value": round(parse_rate), "unit": "rows/s"}),
        *([_row(f"observations import speed against PostgreSQL's own COPY of the rows as stored ({obs_rows:,})",
                round(obs_rows / steps["import observations"]), "rows/s", "",
                {"name": "COPY of the stored rows into a table like fusion_observation", "value": round(copy_rate),
                 "unit": "rows/s"})] if copy_rate else []),
        _row(f"incremental: {hold_back:,} new observations imported", round(steps["import new batch"], 1), "s"),
        _row(f"incremental: {hold_back:,} new observations linked (predict_between + predict_within + grouping)",
             inc.get("timings", {}).get("link"), "s", "<= 30 s"),
        _row("incremental: the whole second run (link, persons, findings, save)", round(steps["incremental run"], 1),
             "s"),
        _row("link pairwise F1", round(lk["f1"], 4), "", ">= 0.99", base(round(nlk["f1"], 4))),
        _row("link pairwise precision / recall", f"{lk['precision']:.4f} / {lk['recall']:.4f}", ""),
        _row("suspects precision", round(s["precision"], 4) if s["precision"] is not None else None, "", ">= 0.95",
             base(round(ns["precision"], 4))),
        _row("suspects recall among revealable targets (seen at home)", round(s["recall_revealable"], 4), "",
             ">= 0.95", base(round(ns["recall_revealable"], 4))),
        _row("suspects recall among all targets", round(s["recall"], 4), "", "", base(round(ns["recall"], 4))),
        _row("correct suspects in the right building", pct(s["right_building"]), "%", ">= 95 %",
             base(pct(ns["right_building"]), "%")),
        _row("stale precision", round(st["precision"], 4) if st["precision"] is not None else None, "", ">= 0.95",
             base(round(nst["precision"], 4))),
        _row("stale recall among those with evidence", round(st["recall_revealable"], 4), "", ">= 0.90",
             base(round(nst["recall_revealable"], 4))),
        _row("stale recall ceiling of silence at precision 0.95 (every registration seen elsewhere found, silences "
             f"ranked by true record rates; traces stopped {st['silence_ceiling']['traces_stopped_recall']:.4f})",
             round(st["silence_ceiling"]["recall_revealable"], 4), ""),
        _row("traces stopped found, by records a stayer's feeds would have left in the silence: < 1 / 1–3 / >= 3",
             " / ".join(f"{v['found']:,} of {v['total']:,}" for v in st["by_expected_records"].values()), ""),
        _row("registration rate after one cycle (before → after; ceiling)", pct(o["after"]["registration_rate"]), "%",
             f"seed 000: {SEED_RATE} %", base(pct(no["after"]["registration_rate"]), "%")),
        _row("registration rate before / ceiling", f"{pct(o['before']['registration_rate'])} / "
             f"{pct(o['ceiling']['registration_rate'])}", "%"),
        _row("accuracy after one cycle", pct(o["after"]["accuracy"]), "%", f"seed 000: {SEED_ACCURACY} %",
             base(pct(no["after"]["accuracy"]), "%")),
        _row("accuracy before / ceiling", f"{pct(o['before']['accuracy'])} / {pct(o['ceiling']['accuracy'])}", "%"),
        _row("visits / wasted visits", f"{o['visits']:,} / {o['wasted_visits']:,}", "",
             "", base(f"{no['visits']:,} / {no['wasted_visits']:,}")),
        _row("link F1 after the first delivery (before the incremental batch)", round(first["links"]["f1"], 4), ""),
    ]
    a, na = r["alerts"], naive["alerts"]
    if a is not None:
        rows += [
            _row(f"watchlist alerts precision ({a['entries_alerted']:,} entries alerted, {a['rows']:,} rows)",
                 a["precision"] and round(a["precision"], 4), "", "", base(na and na["precision"])),
            _row(f"watchlist alerts recall ({a['revealable']:,} wanted people with records of "
                 f"{a['entries']:,} on the list)", a["recall"] and round(a["recall"], 4), "", "",
                 base(na and na["recall"])),
        ]
    for step, seconds in steps.items():
        rows.append(_row(f"step: anju {step}", round(seconds, 1), "s"))
    for name, seconds in full.get("timings", {}).items():
        rows.append(_row(f"fusion run, full: {name}", seconds, "s"))
    for name, seconds in full.get("link", {}).get("timings", {}).items():
        rows.append(_row(f"fusion run, linking: {name}", seconds, "s"))
    for b in full.get("link", {}).get("blocking", []):
        rows.append(_row(f"blocking rule `{b['rule']}` ({b['why']}): pairs it adds", b["marginal"], "pairs",
                         "", None))
    rows.append(_row("records linked (registry + registrations + observation profiles)", full.get("link", {}).get(
        "records"), "records"))
    if "--json" in sys.argv:
        print(json.dumps({"evaluation": r, "naive": naive, "runs": runs, "log": log}, ensure_ascii=False,
                         default=str, indent=1))
    return rows


if __name__ == "__main__":
    for row in run(quick="--quick" in sys.argv):
        base = f"  (baseline {row['baseline']['name']}: {row['baseline']['value']} {row['baseline']['unit']})" \
            if row["baseline"] else ""
        print(f"{row['metric']}: {row['value']} {row['unit']}  [{row['target'] or '—'}]{base}")
