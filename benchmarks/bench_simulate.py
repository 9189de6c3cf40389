"""The simulated city: how fast it is generated, and what the naive baseline scores on it.

    python benchmarks/bench_simulate.py [--quick]

Full run: a 100,000-resident city (issue 6: generated in under a minute on a
2-core machine); quick: 10,000. The naive baseline (exact ID-number matching,
anju/simulation/baseline.py) is then exported and scored by the evaluator:
its figures are the floor that data fusion (issue 7) is compared with.
"""

from __future__ import annotations

import gc
import resource
import sys
import tempfile
import time
from pathlib import Path

from anju.simulation.baseline import naive_export
from anju.simulation.city import generate
from anju.simulation.evaluate import evaluate
from anju.simulation.output import write_city

SEED = 1


def _cpu() -> float:
    """User + system CPU seconds of this process and its finished children."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _row(benchmark, metric, value, unit, target="", baseline=None):
    return {"benchmark": benchmark, "metric": metric, "value": value, "unit": unit, "baseline": baseline,
            "target": target, "status": "ok"}


def run(quick: bool = False) -> list[dict]:
    n = 10_000 if quick else 100_000
    with tempfile.TemporaryDirectory(prefix="anju-bench-city-") as tmp:
        city_dir, found = Path(tmp) / "city", Path(tmp) / "found"
        wall, cpu = time.perf_counter(), _cpu()
        city = generate(residents=n, seed=SEED)
        summary = write_city(city, city_dir)  # forks a second writer: CPU time counts both
        wall, cpu = time.perf_counter() - wall, _cpu() - cpu
        del city
        gc.collect()
        naive_export(city_dir, found)
        r = evaluate(city_dir / "truth", found)
    rows = summary["rows"]
    size = f"{n:,} residents, seed {SEED}"
    name = "simulated city"
    out = [
        _row(name, f"generation speed ({size}, files written; a second process writes the truth)", n / wall, "residents/s",
             ">= 1,667 residents/s (100,000 in < 60 s)"),
        _row(name, f"generation wall time ({size})", wall, "s", "< 60 s for 100,000"),
        _row(name, f"generation CPU time, both processes ({size}; unaffected by other load)", cpu, "s"),
        _row(name, f"observations written ({size})", rows["observations.csv"], "rows", "≈ 1,000,000 for 100,000"),
        _row(name, f"registrations on record ({size})", rows["registrations.csv"], "rows"),
        _row(name, f"registry persons ({size})", rows["population.csv"], "rows"),
    ]
    base = "naive baseline (exact ID match)"
    lk, s, st, o = r["links"], r["suspects"], r["stale"], r["outcome"]

    def pct(v):
        return None if v is None else v * 100
    out += [
        _row(base, f"link pairwise F1 ({size})", lk["f1"], "", "fusion: >= 0.99"),
        _row(base, "link pairwise precision / recall: precision", lk["precision"], ""),
        _row(base, "link pairwise precision / recall: recall", lk["recall"], ""),
        _row(base, "suspects precision", s["precision"], "", "fusion: >= 0.95"),
        _row(base, "suspects recall (all targets)", s["recall"], ""),
        _row(base, "suspects recall among revealable targets", s["recall_revealable"], "", "fusion: >= 0.95"),
        _row(base, "correct suspects in the right building", pct(s["right_building"]), "%", "fusion: >= 95 %"),
        _row(base, "stale precision", st["precision"], "", "fusion: >= 0.95"),
        _row(base, "stale recall among those with evidence", st["recall_revealable"], "", "fusion: >= 0.90"),
        _row(base, "registration rate before one cycle", pct(o["before"]["registration_rate"]), "%"),
        _row(base, "registration rate after one cycle", pct(o["after"]["registration_rate"]), "%",
             "seed 000: 94.89 %"),
        _row(base, "registration rate ceiling (all revealable findings applied)",
             pct(o["ceiling"]["registration_rate"]), "%"),
        _row(base, "accuracy before one cycle", pct(o["before"]["accuracy"]), "%"),
        _row(base, "accuracy after one cycle", pct(o["after"]["accuracy"]), "%", "seed 000: 97.72 %"),
        _row(base, "accuracy ceiling (all revealable findings applied)", pct(o["ceiling"]["accuracy"]), "%"),
        _row(base, "wasted visits (wrong findings)", o["wasted_visits"], "visits"),
    ]
    return out


if __name__ == "__main__":
    for row in run(quick="--quick" in sys.argv[1:]):
        value = row["value"]
        shown = f"{value:,.4f}" if isinstance(value, float) else f"{value:,}"
        print(f"{row['benchmark']}: {row['metric']} = {shown} {row['unit']}  (target {row['target'] or '—'})")
