"""Data fusion on a city built by someone else's generator: ``benchmarks/independent/indep_city.py``.

    python benchmarks/bench_fusion_independent.py [--quick]

Every other fusion benchmark scores Anju on cities from Anju's own simulator,
however much their parameters and files are bent. This one builds its city
with a generator written by an outsider from the batch contract and the seed
articles alone (see the generator's docstring): its own places (a Shaoxing of
compounds, villages let room by room, factory dormitories, live-in shops), its
own feeds and rhythms (door swipes at unit entrances, face capture at compound
gates, school records half at the school and half at home, utility bills under
the landlord), its own noise, and its own reading of the truth ("revealable",
"with evidence"). It runs the contract on a fresh SQLite database (the five
imports, ``fusion run --as-of``, both exports) and scores the files with the
generator's own scorer, beside the generator's own naive baseline (exact ID
numbers; silence of 90 days), measured on the same files in the same run.

Quick: 5,000 residents (about a minute); full: 20,000 (about three).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.bench_fusion_foreign import FILES, _anju  # noqa: E402

NAME = "data fusion on an outsider's city"
GENERATOR = ROOT / "benchmarks" / "independent" / "indep_city.py"
AS_OF = "2026-10-31"
SEED = 1

# (figure, key path in the scorer's score.json, the target)
FIGURES = [
    ("link F1", ("links", "f1"), ">= 0.99"),
    ("suspects precision", ("suspects", "precision"), ">= 0.95"),
    ("suspects recall, revealable", ("suspects", "recall_revealable"), ">= 0.95"),
    ("suspects in the right building", ("suspects", "same_building_share"), ">= 0.95"),
    ("stale precision", ("stale", "precision"), ">= 0.95"),
    ("stale recall, with evidence", ("stale", "recall_with_evidence"), ">= 0.90"),
    ("alerts precision", ("alerts", "precision"), ""),
    ("alerts recall", ("alerts", "recall"), ""),
]


def run(quick: bool = False) -> list[dict]:
    residents = 5000 if quick else 20000
    with tempfile.TemporaryDirectory(prefix="anju-indep-") as tmp:
        work = Path(tmp)
        data, found = work / "city", work / "found"
        subprocess.run([sys.executable, str(GENERATOR), "build", "--out", str(data), "--residents", str(residents),
                        "--seed", str(SEED), "--as-of", AS_OF], check=True, capture_output=True, text=True)
        env = {**os.environ, "ANJU_DATA_DIR": str(work / "data"), "DJANGO_SETTINGS_MODULE": "anju.settings"}
        env.pop("DATABASE_URL", None)
        seconds = {}
        for kind in FILES:
            seconds[kind], _log = _anju(env, "import", kind, str(data / f"{kind}.csv"))
        seconds["fusion run"], _log = _anju(env, "fusion", "run", "--as-of", AS_OF)
        _anju(env, "fusion", "export", "--out", str(found))
        _anju(env, "alerts", "export", "--out", str(found))
        subprocess.run([sys.executable, str(GENERATOR), "score", "--data", str(data), "--results", str(found)],
                       check=True, capture_output=True, text=True)
        score = json.loads((found / "score.json").read_text(encoding="utf-8"))
    size = f"{residents:,} residents"
    rows = []
    for metric, (part, key), target in FIGURES:
        value = score["system"][part].get(key)
        naive = score["baseline"][part].get(key)
        rows.append({"benchmark": NAME, "metric": f"{metric} ({size})", "value": value, "unit": "",
                     "baseline": {"name": "the generator's naive baseline, same files", "value": naive, "unit": ""},
                     "target": target, "status": "ok"})
    rows.append({"benchmark": NAME, "metric": f"fusion run ({size})", "value": round(seconds["fusion run"], 1),
                 "unit": "s", "baseline": None, "target": "", "status": "ok"})
    return rows


if __name__ == "__main__":
    for row in run(quick="--quick" in sys.argv):
        base = row["baseline"]
        print(f"{row['metric']}: {row['value']}{row['unit']}  [{row['target'] or '—'}]"
              + (f"  (naive: {base['value']})" if base else ""))
