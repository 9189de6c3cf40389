"""Fast settings for the test suite: cheap password hashing, in-memory SMS, no real secrets."""
import os

os.environ.setdefault("ANJU_DATA_DIR", os.path.join(os.path.dirname(os.path.dirname(__file__)), "var", "test"))
os.environ.setdefault("ANJU_SECRET_KEY", "test-secret-key-not-for-production-000000000000")
os.environ.setdefault("ANJU_DATA_KEY", "dGVzdC1kYXRhLWtleS1ub3QtZm9yLXByb2R1Y3Rpb24xMjM=")

from anju.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ANJU_SMS_BACKEND = "anju.accounts.sms.MemoryBackend"
ANJU_AUDIT_SEAL = "inline"  # sealed in the committing thread: no sequencer thread outliving a test
DEBUG = False
LOGGING = {"version": 1, "disable_existing_loggers": False}
STORAGES = {"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
