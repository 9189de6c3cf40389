"""Production refuses to start without its secrets; elsewhere they are generated once and kept."""
import os
import subprocess
import sys


def run_python(code, **env):
    base = {k: v for k, v in os.environ.items() if not k.startswith("ANJU_") and k != "DJANGO_SETTINGS_MODULE"}
    return subprocess.run([sys.executable, "-c", code], env={**base, **env}, capture_output=True, text=True, timeout=60)


def test_production_without_secrets_fails_loudly_naming_the_setting(tmp_path):
    result = run_python("import anju.settings", ANJU_ENV="production", ANJU_DATA_DIR=str(tmp_path))
    assert result.returncode != 0 and "ANJU_SECRET_KEY is not set" in result.stderr


def test_development_secrets_are_generated_once_and_reused(tmp_path):
    code = "import anju.settings as s; print(s.ANJU_DATA_KEY)"
    first = run_python(code, ANJU_DATA_DIR=str(tmp_path)).stdout
    assert first.strip() and first == run_python(code, ANJU_DATA_DIR=str(tmp_path)).stdout
    assert oct((tmp_path / "secrets.json").stat().st_mode)[-3:] == "600"


def test_a_secret_may_come_from_a_file(tmp_path):
    secret = tmp_path / "key"
    secret.write_text("from-a-file\n")
    result = run_python("import anju.settings as s; print(s.SECRET_KEY)", ANJU_ENV="production",
                        ANJU_SECRET_KEY_FILE=str(secret), ANJU_DATA_KEY="x" * 44, ANJU_DATA_DIR=str(tmp_path))
    assert result.stdout.strip() == "from-a-file", result.stderr


def test_fusion_thresholds_per_city_come_from_the_environment_as_json(tmp_path):
    code = "import anju.settings as s; print(s.ANJU_FUSION)"
    result = run_python(code, ANJU_DATA_DIR=str(tmp_path), ANJU_FUSION='{"suspect_min_score": 60}')
    assert result.stdout.strip() == "{'suspect_min_score': 60}", result.stderr
    bad = run_python(code, ANJU_DATA_DIR=str(tmp_path), ANJU_FUSION="suspect_min_score=60")
    assert bad.returncode != 0 and "ANJU_FUSION must be a JSON object" in bad.stderr
