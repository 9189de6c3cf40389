"""`make bench`: run every benchmarks/bench_*.py and write results/latest.json and results/latest.md.

    python benchmarks/run.py [--quick] [--only NAME ...] [--timeout SECONDS]

Each benchmark runs in its own process (``run.py --child``), so one that
crashes, leaks memory or hangs cannot take the others with it; its wall time
and peak memory are reported beside its figures. A benchmark that raises, dies,
times out or returns malformed rows is reported as failed and makes the exit
status 1; the others still run. ``status: "skipped: <reason>"`` rows are
reported as skipped and do not fail the run. See benchmarks/README.md for the
contract of a benchmark script.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.util
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
ROW_KEYS = ("benchmark", "metric", "value", "unit", "baseline", "target", "status")


# --------------------------------------------------------------------------- the child


def _child(path: str, quick: bool, out: str) -> None:
    spec = importlib.util.spec_from_file_location(Path(path).stem, path)
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(Path(path).parent))
    spec.loader.exec_module(module)
    rows = module.run(quick=quick)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    Path(out).write_text(json.dumps({"rows": rows, "peak_rss_mb": round(peak / 1024, 1)}, ensure_ascii=False,
                                    default=str), encoding="utf-8")


# --------------------------------------------------------------------------- checks


def row_problems(row) -> list[str]:
    if not isinstance(row, dict):
        return [f"a row is {type(row).__name__}, not a dict"]
    problems = [f"missing key {k!r}" for k in ROW_KEYS if k not in row]
    status = row.get("status")
    if not isinstance(status, str) or not (status == "ok" or status.startswith("skipped")):
        problems.append(f"status must be 'ok' or 'skipped: <reason>', not {status!r}")
    value = row.get("value")
    if status == "ok" and not isinstance(value, (int, float)):
        problems.append(f"value of an ok row must be a number, not {value!r}")
    baseline = row.get("baseline")
    if baseline is not None and not (isinstance(baseline, dict) and {"name", "value", "unit"} <= set(baseline)):
        problems.append("baseline must be None or {name, value, unit}")
    return problems


# --------------------------------------------------------------------------- machine


def machine() -> dict:
    info = {"cores": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version()}
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemTotal:"):
                    info["memory_gib"] = round(int(line.split()[1]) / 1024 ** 2, 1)
                    break
    except OSError:
        try:
            info["memory_gib"] = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024 ** 3, 1)
        except (ValueError, OSError, AttributeError):
            info["memory_gib"] = None
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as fh:
            info["cpu"] = next((line.split(":", 1)[1].strip() for line in fh if line.startswith("model name")), "")
    except OSError:
        info["cpu"] = platform.processor()
    try:
        info["load_average"] = [round(x, 2) for x in os.getloadavg()]
    except OSError:
        pass
    try:  # read-only: which commit was measured
        info["commit"] = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=HERE, capture_output=True,
                                        text=True, timeout=5).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        info["commit"] = ""
    return info


# --------------------------------------------------------------------------- running


def run_one(path: Path, quick: bool, timeout: float | None) -> dict:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="anju-bench-") as tmp:
        out = Path(tmp) / "rows.json"
        cmd = [sys.executable, str(Path(__file__).resolve()), "--child", str(path), str(out)]
        if quick:
            cmd.append("--quick")
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(HERE.parent),
                                                                          os.environ.get("PYTHONPATH")]))}
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)
        except subprocess.TimeoutExpired:
            return _failed(path, f"timed out after {timeout:.0f} s", started)
        seconds = round(time.perf_counter() - started, 1)
        if proc.returncode != 0 or not out.exists():
            tail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or [f"exit status {proc.returncode}"]
            return _failed(path, tail[0][:300], started)
        data = json.loads(out.read_text(encoding="utf-8"))
    rows = data.get("rows")
    if not isinstance(rows, list) or not rows:
        return _failed(path, "run() returned no rows", started)
    problems = [p for row in rows for p in row_problems(row)]
    if problems:
        return _failed(path, "malformed rows: " + "; ".join(dict.fromkeys(problems)), started)
    return {"file": path.name, "status": "ok", "seconds": seconds, "peak_rss_mb": data.get("peak_rss_mb"),
            "rows": rows}


def _failed(path: Path, reason: str, started: float) -> dict:
    name = path.stem.removeprefix("bench_").replace("_", " ")
    return {"file": path.name, "status": f"failed: {reason}", "seconds": round(time.perf_counter() - started, 1),
            "peak_rss_mb": None, "rows": [{"benchmark": name, "metric": "(the benchmark did not finish)",
                                           "value": None, "unit": "", "baseline": None, "target": "",
                                           "status": f"failed: {reason}"}]}


# --------------------------------------------------------------------------- report


def _num(v) -> str:
    if v is None:
        return "—"
    if isinstance(v, float):
        if v != 0 and (abs(v) >= 1000 or v == int(v)):
            return f"{v:,.0f}"
        return f"{v:.4g}" if abs(v) < 1 else f"{v:,.2f}"
    return f"{v:,}" if isinstance(v, int) else str(v)


def _cell(text) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def markdown(report: dict) -> str:
    m = report["machine"]
    lines = [
        f"# Benchmark results ({'quick' if report['quick'] else 'full'} run)",
        "",
        f"- date: {report['date']}",
        f"- machine: {m.get('cores')} cores ({m.get('cpu') or 'unknown CPU'}), {m.get('memory_gib')} GiB memory, "
        f"{m.get('platform')}, Python {m.get('python')}",
        f"- load average at start: {', '.join(map(str, m.get('load_average', [])))} (other work on the machine "
        f"slows wall-clock figures)",
        f"- commit: {m.get('commit') or 'unknown'}",
        f"- status: {report['summary']}",
        "",
        "| benchmark | figure | value | unit | baseline (same run) | target | status |",
        "|---|---|---|---|---|---|---|",
    ]
    for b in report["benchmarks"]:
        for row in b["rows"]:
            base = row.get("baseline")
            base_text = f"{base['name']}: {_num(base['value'])} {base['unit']}" if base else "—"
            lines.append("| " + " | ".join(_cell(x) for x in (
                row["benchmark"], row["metric"], _num(row["value"]), row["unit"], base_text, row["target"] or "—",
                row["status"])) + " |")
    lines += ["", "| script | status | wall time (s) | peak memory (MB) |", "|---|---|---|---|"]
    for b in report["benchmarks"]:
        lines.append(f"| {b['file']} | {_cell(b['status'])} | {b['seconds']} | {_num(b['peak_rss_mb'])} |")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes (the whole run in under 5 minutes)")
    parser.add_argument("--only", nargs="*", default=[], help="run only these (bench_NAME.py or NAME)")
    parser.add_argument("--timeout", type=float, default=None, help="seconds per benchmark (default: none)")
    parser.add_argument("--results", default=str(RESULTS), help="where latest.json and latest.md go")
    parser.add_argument("--dir", default=str(HERE), help="where the bench_*.py scripts are")
    parser.add_argument("--child", nargs=2, metavar=("SCRIPT", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child[0], args.quick, args.child[1])
        return 0
    wanted = {n.removeprefix("bench_").removesuffix(".py") for n in args.only}
    scripts = [p for p in sorted(Path(args.dir).glob("bench_*.py"))
               if not wanted or p.stem.removeprefix("bench_") in wanted]
    if not scripts:
        print("no benchmarks found", file=sys.stderr)
        return 1
    report = {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
              "quick": args.quick, "machine": machine(), "benchmarks": []}
    for path in scripts:
        print(f"… {path.name}", file=sys.stderr, flush=True)
        result = run_one(path, args.quick, args.timeout)
        report["benchmarks"].append(result)
        for row in result["rows"]:
            print(f"  {row['benchmark']}: {row['metric']} = {_num(row['value'])} {row['unit']} [{row['status']}]",
                  file=sys.stderr, flush=True)
    failed = [b["file"] for b in report["benchmarks"] if b["status"] != "ok"]
    skipped = sum(1 for b in report["benchmarks"] for r in b["rows"] if r["status"].startswith("skipped"))
    report["summary"] = (f"{len(scripts) - len(failed)} of {len(scripts)} benchmarks ran"
                         + (f", {skipped} figures skipped" if skipped else "")
                         + (f"; failed: {', '.join(failed)}" if failed else ""))
    report["rows"] = [{"file": b["file"], **row} for b in report["benchmarks"] for row in b["rows"]]
    results = Path(args.results)
    results.mkdir(parents=True, exist_ok=True)
    (results / "latest.json").write_text(json.dumps(report, ensure_ascii=False, indent=2, default=str) + "\n",
                                         encoding="utf-8")
    (results / "latest.md").write_text(markdown(report), encoding="utf-8")
    print(f"{report['summary']} → {results / 'latest.md'}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
