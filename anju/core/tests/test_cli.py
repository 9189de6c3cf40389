"""`anju` works on a fresh database with no set-up: it applies migrations itself."""
import os
import subprocess
import sys
from pathlib import Path

from anju.cli import translate

DEMO_TREE = Path(__file__).resolve().parents[2] / "jurisdictions" / "data" / "demo_district.csv"


def test_group_commands_map_to_management_commands():
    assert translate(["import", "addresses", "f.csv"]) == ["import_addresses", "f.csv"]
    assert translate(["audit", "verify"]) == ["audit_verify"]
    assert translate(["serve"]) == ["runserver", "--insecure", "127.0.0.1:8000"]
    assert translate(["migrate", "--plan"]) == ["migrate", "--plan"]


def run_anju(tmp_path, *args):
    # Always the embedded database in a fresh folder, whatever the suite itself runs on.
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env["ANJU_DATA_DIR"] = str(tmp_path)
    return subprocess.run([sys.executable, "-m", "anju", *args], env=env, capture_output=True, text=True, timeout=120)


def test_commands_run_on_a_fresh_embedded_database(tmp_path):
    first = run_anju(tmp_path, "import", "jurisdictions", str(DEMO_TREE))
    assert first.returncode == 0, first.stderr
    assert "applying" in first.stderr and "created 31" in first.stdout
    assert (tmp_path / "anju.sqlite3").exists()
    again = run_anju(tmp_path, "import", "jurisdictions", str(DEMO_TREE))
    assert "unchanged 31" in again.stdout and "applying" not in again.stderr
    verify = run_anju(tmp_path, "audit", "verify")
    assert verify.returncode == 0 and "intact" in verify.stdout


def test_a_failing_command_exits_non_zero_with_a_message(tmp_path):
    result = run_anju(tmp_path, "import", "jurisdictions", str(tmp_path / "missing.csv"))
    assert result.returncode != 0 and "missing.csv" in result.stderr


def test_help_lists_the_batch_commands(tmp_path):
    out = run_anju(tmp_path, "--help").stdout
    assert "anju import" in out and "anju audit verify" in out
