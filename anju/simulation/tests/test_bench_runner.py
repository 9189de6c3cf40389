"""benchmarks/run.py: every benchmark runs, a failing one is reported and fails the run, skips do not."""
import importlib.util
import json
from pathlib import Path

RUNNER = Path(__file__).resolve().parents[3] / "benchmarks" / "run.py"

GOOD = '''
def run(quick=False):
    return [{"benchmark": "good", "metric": "things per second" + (" (quick)" if quick else ""), "value": 42.0,
             "unit": "things/s", "baseline": {"name": "doing nothing", "value": 99.0, "unit": "things/s"},
             "target": ">= 40/s", "status": "ok"}]
'''
SKIPPED = '''
def run(quick=False):
    return [{"benchmark": "needs a broker", "metric": "messages/s", "value": None, "unit": "msg/s",
             "baseline": None, "target": "", "status": "skipped: no broker on this machine"}]
'''
BROKEN = '''
def run(quick=False):
    raise RuntimeError("the database went away")
'''
MALFORMED = '''
def run(quick=False):
    return [{"benchmark": "sloppy", "value": "fast", "status": "great"}]
'''


def load_runner():
    spec = importlib.util.spec_from_file_location("bench_run", RUNNER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_runner_reports_failures_without_stopping_the_others(tmp_path):
    benches = tmp_path / "b"
    benches.mkdir()
    for name, text in (("good", GOOD), ("skipped", SKIPPED), ("broken", BROKEN), ("malformed", MALFORMED)):
        (benches / f"bench_{name}.py").write_text(text, encoding="utf-8")
    runner = load_runner()
    status = runner.main(["--quick", "--dir", str(benches), "--results", str(tmp_path / "res")])
    assert status == 1
    report = json.loads((tmp_path / "res" / "latest.json").read_text(encoding="utf-8"))
    by_file = {b["file"]: b for b in report["benchmarks"]}
    assert by_file["bench_good.py"]["status"] == "ok"
    assert by_file["bench_good.py"]["rows"][0]["metric"] == "things per second (quick)"
    assert by_file["bench_skipped.py"]["status"] == "ok"
    assert by_file["bench_broken.py"]["status"].startswith("failed: RuntimeError: the database went away")
    assert by_file["bench_malformed.py"]["status"].startswith("failed: malformed rows")
    assert report["machine"]["cores"] >= 1 and report["machine"]["memory_gib"]
    md = (tmp_path / "res" / "latest.md").read_text(encoding="utf-8")
    assert "| good | things per second (quick) | 42 | things/s | doing nothing: 99 things/s | >= 40/s | ok |" in md
    assert "skipped: no broker on this machine" in md
    assert "failed: RuntimeError" in md
    assert "2 of 4 benchmarks ran, 1 figures skipped; failed: bench_broken.py, bench_malformed.py" in md


def test_runner_succeeds_when_all_run(tmp_path):
    benches = tmp_path / "b"
    benches.mkdir()
    (benches / "bench_good.py").write_text(GOOD, encoding="utf-8")
    assert load_runner().main(["--dir", str(benches), "--results", str(tmp_path / "res")]) == 0
