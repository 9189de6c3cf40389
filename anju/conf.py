"""Settings helpers: read typed values from the environment (healthchecks style).

A production deployment sets ANJU_ENV=production and must provide every secret;
anywhere else missing secrets are generated once and kept under the data
directory so that a demo or a developer machine works with no set-up and its
encrypted data stays readable across restarts.
"""
import base64
import json
import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured


def env(name: str, default: str = "") -> str:
    """A string from the environment; NAME_FILE, when set, names a file holding it."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        return Path(file_name).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def envbool(name: str, default: str = "False") -> bool:
    return env(name, default).strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: str) -> int:
    value = env(name, default)
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}") from exc


def envjson(name: str, default: str = "{}") -> dict:
    """A JSON object from the environment (``ANJU_FUSION='{"suspect_min_score": 60}'``)."""
    value = env(name, default) or default
    try:
        parsed = json.loads(value)
    except json.JSONDecodeError as exc:
        raise ImproperlyConfigured(f"{name} must be a JSON object, got {value!r}: {exc}") from exc
    if not isinstance(parsed, dict):
        raise ImproperlyConfigured(f"{name} must be a JSON object, got {value!r}")
    return parsed


def secret(name: str, *, data_dir: Path, production: bool) -> str:
    """A secret from the environment; generated and kept in DATA_DIR/secrets.json outside production."""
    value = env(name)
    if value:
        return value
    if production:
        raise ImproperlyConfigured(
            f"{name} is not set. In production (ANJU_ENV=production) every secret must be "
            f"given in the environment or in a file named by {name}_FILE."
        )
    store = data_dir / "secrets.json"
    data_dir.mkdir(parents=True, exist_ok=True)
    known = json.loads(store.read_text()) if store.exists() else {}
    if name not in known:
        known[name] = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
        store.write_text(json.dumps(known, indent=2))
        store.chmod(0o600)
    return known[name]
