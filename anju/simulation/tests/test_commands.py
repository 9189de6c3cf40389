"""`anju simulate city`, `anju simulate baseline` and `anju evaluate` as commands."""
import io
import json

import pytest
from django.core.management import CommandError, call_command


def test_simulate_then_baseline_then_evaluate(tmp_path):
    out = io.StringIO()
    call_command("simulate_city", residents=300, seed=3, out=str(tmp_path / "city"), stdout=out)
    assert "300 residents" in out.getvalue()
    assert (tmp_path / "city" / "truth" / "targets.csv").exists()
    call_command("simulate_baseline", data=str(tmp_path / "city"), out=str(tmp_path / "found"), stdout=io.StringIO())
    out = io.StringIO()
    call_command("evaluate", truth=str(tmp_path / "city" / "truth"), found=str(tmp_path / "found"), as_json=True,
                 stdout=out)
    result = json.loads(out.getvalue())
    assert result["city"]["residents"] == 300 and result["city"]["seed"] == 3
    out = io.StringIO()
    call_command("evaluate", truth=str(tmp_path / "city" / "truth"), found=str(tmp_path / "found"), stdout=out)
    assert out.getvalue().rstrip().splitlines()[-1].startswith("links F1")


def test_params_file_and_bad_input(tmp_path):
    params = tmp_path / "p.json"
    params.write_text(json.dumps({"sources": {"door": {"id_missing": 1.0}}, "card_from_registration": 0}), encoding="utf-8")
    call_command("simulate_city", residents=100, seed=1, out=str(tmp_path / "c"), params=str(params),
                 stdout=io.StringIO())
    with open(tmp_path / "c" / "observations.csv", encoding="utf-8") as fh:
        door = [line for line in fh if line.startswith("door,")]
    assert door and all(line.split(",")[4] == "" for line in door)
    with pytest.raises(CommandError):
        call_command("simulate_city", residents=100, out=str(tmp_path / "d"), as_of="2026-13-01")
    params.write_text('{"nope": 1}', encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("simulate_city", residents=100, out=str(tmp_path / "d"), params=str(params))
    with pytest.raises(CommandError):
        call_command("evaluate", truth=str(tmp_path), found=str(tmp_path))
