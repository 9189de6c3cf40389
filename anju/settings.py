"""Django settings for Anju. Everything that differs between machines comes from the environment."""
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from anju.conf import env, envbool, envint, envjson, secret

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env("ANJU_DATA_DIR", str(BASE_DIR / "var")))
PRODUCTION = env("ANJU_ENV", "development") == "production"

SECRET_KEY = secret("ANJU_SECRET_KEY", data_dir=DATA_DIR, production=PRODUCTION)
# One master key for personal data: ID-number encryption, blind indexes, SMS
# code hashes and the audit chain each derive their own key from it (core/crypto.py).
ANJU_DATA_KEY = secret("ANJU_DATA_KEY", data_dir=DATA_DIR, production=PRODUCTION)

DEBUG = envbool("ANJU_DEBUG", "False" if PRODUCTION else "True")
ALLOWED_HOSTS = [h for h in env("ANJU_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in env("ANJU_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "anju.core",
    "anju.jurisdictions",
    "anju.accounts",
    "anju.audit",
    "anju.people",
    "anju.addresses",
    "anju.houses",
    "anju.registrations",
    "anju.watchlist",
    "anju.fusion",
    "anju.cockpit",
    "anju.simulation",
    "anju.doors",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "anju.core.middleware.ReaderLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "anju.core.middleware.ClientAddressMiddleware",
]

ROOT_URLCONF = "anju.urls"
WSGI_APPLICATION = "anju.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "anju.core.context_processors.anju",
            ],
        },
    },
]

# SQLite under the data directory unless DATABASE_URL names another database.
DATA_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{DATA_DIR / 'anju.sqlite3'}"), conn_max_age=envint("ANJU_CONN_MAX_AGE", "0")
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # IMMEDIATE: a writer takes the lock when its transaction begins, so the
        # audit chain's read-head-then-append cannot interleave with another writer.
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["anju.accounts.backends.AnjuBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "anju" / "locale"]
TIME_ZONE = env("ANJU_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_ROOT = DATA_DIR / "media"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SESSION_COOKIE_AGE = envint("ANJU_SESSION_SECONDS", str(8 * 3600))

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["anju.core.permissions.IsStaffWithJurisdiction"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "anju.core.api.Pagination",  # ?page=N&page_size=N, at most 500
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "anju.core.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Anju (安居) API",
    "DESCRIPTION": "实有人口登记与服务平台接口。Every read of personal data is scoped to the caller's jurisdiction and audited. "
                   "列表分页，每页默认 50 条，page_size 最多 500。Lists come a page at a time: 50 rows unless "
                   "?page_size=N asks for up to 500.",
    "VERSION": "0.1.0",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    # Declarations and registrations both have a `status`, with different choices: each enum is named after its
    # choice set, not left to drf-spectacular (which warned and named one StatusF4bEnum).
    "ENUM_NAME_OVERRIDES": {
        "DeclarationStatusEnum": "anju.registrations.choices.DeclarationStatus",
        "RegistrationStatusEnum": "anju.registrations.choices.RegistrationStatus",
        "HouseKindEnum": "anju.houses.choices.HouseKind",
        "HouseStatusEnum": "anju.houses.choices.HouseStatus",
    },
}

# Anju's own settings.
ANJU_SMS_BACKEND = env("ANJU_SMS_BACKEND", "anju.accounts.sms.ConsoleBackend")
ANJU_SMS_FILE_PATH = Path(env("ANJU_SMS_FILE_PATH", str(DATA_DIR / "sms")))
ANJU_SMS_CODE_TTL_SECONDS = envint("ANJU_SMS_CODE_TTL_SECONDS", "300")
ANJU_SMS_RESEND_SECONDS = envint("ANJU_SMS_RESEND_SECONDS", "60")
ANJU_SMS_MAX_ATTEMPTS = envint("ANJU_SMS_MAX_ATTEMPTS", "5")
ANJU_LOGIN_MAX_FAILURES = envint("ANJU_LOGIN_MAX_FAILURES", "5")
ANJU_LOGIN_LOCK_MINUTES = envint("ANJU_LOGIN_LOCK_MINUTES", "15")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("ANJU_LOG_LEVEL", "WARNING")},
}
# Where the public reaches this site: door-plate QR codes and verifiable documents point here.
ANJU_PUBLIC_BASE_URL = env("ANJU_PUBLIC_BASE_URL", "http://127.0.0.1:8000")
# Days allowed for declaring residence after moving in, by GB/T 2260 city or province code (Fujian: 7); default for the rest.
ANJU_DECLARATION_DEADLINE_DAYS = envint("ANJU_DECLARATION_DEADLINE_DAYS", "3")
ANJU_DECLARATION_DEADLINES_BY_REGION = {
    code: int(days) for code, _, days in
    (item.partition("=") for item in env("ANJU_DECLARATION_DEADLINES_BY_REGION", "350000=7").split(",") if item)
}
# How long a residence registration stays valid before it must be renewed (days).
ANJU_REGISTRATION_VALID_DAYS = envint("ANJU_REGISTRATION_VALID_DAYS", "365")
# Watchlist alerts: one alert per person and place within this window (hours).
ANJU_ALERT_DEDUP_HOURS = envint("ANJU_ALERT_DEDUP_HOURS", "24")
# Audit entries are sealed into the hash chain by one background thread per process ("background"), or in the
# committing thread ("inline", for tests); the thread also sweeps every few seconds (see audit/services.py).
ANJU_AUDIT_SEAL = env("ANJU_AUDIT_SEAL", "background")
ANJU_AUDIT_SWEEP_SECONDS = envint("ANJU_AUDIT_SWEEP_SECONDS", "5")
# Data fusion per city, over the defaults of anju/fusion/conf.py (unknown keys are refused):
# ANJU_FUSION='{"suspect_min_score": 60, "stale_quiet_days": 90}'
ANJU_FUSION = envjson("ANJU_FUSION")
# Key-person levels: (level, minimum score, review period in days). A level is only ever a proposal.
ANJU_KEYPERSON_LEVELS = [("control", 80, 30), ("review", 50, 90), ("attention", 20, 180)]
# Cockpit: aggregates older than this are rebuilt when the page asks (seconds); exports to department users
# suppress cells smaller than this, so that no individual can be singled out.
ANJU_COCKPIT_MAX_AGE_SECONDS = envint("ANJU_COCKPIT_MAX_AGE_SECONDS", "300")
ANJU_COCKPIT_MIN_CELL = envint("ANJU_COCKPIT_MIN_CELL", "5")
# Smart door access (门禁): replay window for signed device messages; alarm thresholds; how long door events are
# kept (at least 6 months, Cybersecurity Law art. 21); the MQTT broker the ingest worker and the simulator use.
ANJU_DOOR_REPLAY_SECONDS = envint("ANJU_DOOR_REPLAY_SECONDS", "300")
ANJU_DOOR_HELD_OPEN_SECONDS = envint("ANJU_DOOR_HELD_OPEN_SECONDS", "120")
ANJU_DOOR_OFFLINE_MINUTES = envint("ANJU_DOOR_OFFLINE_MINUTES", "10")
ANJU_DOOR_REFUSALS = envint("ANJU_DOOR_REFUSALS", "5")
ANJU_DOOR_REFUSAL_WINDOW_MINUTES = envint("ANJU_DOOR_REFUSAL_WINDOW_MINUTES", "5")
ANJU_DOOR_EVENT_RETENTION_MONTHS = envint("ANJU_DOOR_EVENT_RETENTION_MONTHS", "12")
ANJU_MQTT_HOST = env("ANJU_MQTT_HOST", "127.0.0.1")
ANJU_MQTT_PORT = envint("ANJU_MQTT_PORT", "1883")
ANJU_MQTT_PREFIX = env("ANJU_MQTT_PREFIX", "")
