"""Django settings for Guanxi: the only module that reads the environment.

Environment:
- DATABASE_URL            database (default: SQLite file guanxi.sqlite3 in the current directory)
- GUANXI_SECRET_KEY       secret key (a production start refuses the placeholder)
- GUANXI_DEBUG            "1"/"true" for development
- GUANXI_ALLOWED_HOSTS    comma-separated host names
- GUANXI_SECRET_KEY_FILE  a file holding the secret key (created, mode 0600, when missing)
- GUANXI_PRODUCTION       "1" for production hardening (secure cookies, HSTS)
- GUANXI_HOST, GUANXI_PORT, GUANXI_WORKERS, GUANXI_THREADS, GUANXI_TIMEOUT
                          `guanxi serve`: address, worker processes, threads per worker,
                          seconds a request may take
- GUANXI_DB_POOL_SIZE     PostgreSQL connections per server process (default: its threads)
- GUANXI_DB_LOCK_TIMEOUT  SQLite: seconds a write waits for the lock before answering "busy"
- GUANXI_STATIC_ROOT      where `guanxi serve` collects the static files
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
REPO_DIR = BASE_DIR.parent

PLACEHOLDER_SECRET_KEY = "guanxi-insecure-development-key-change-me"


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _improper(message: str) -> Exception:
    # imported here: the command line's short way reads this module without Django
    from django.core.exceptions import ImproperlyConfigured

    return ImproperlyConfigured(message)


def _number(name: str, default: float, *, low: float, high: float, kind: type = int) -> Any:
    """A number from the environment, or a plain error naming the variable."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return kind(default)
    try:
        value = kind(raw)
    except ValueError:
        raise _improper(f"{name}={raw!r} is not a number") from None
    if not low <= value <= high:
        raise _improper(f"{name}={raw} is outside {low:g}–{high:g}")
    return value


def _key_from_file(path: Path) -> str:
    """The secret key kept in `path`, made (random, readable by its owner only) on first use."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    except OSError as exc:
        raise _improper(f"GUANXI_SECRET_KEY_FILE: cannot create {path}: {exc}") from None
    else:
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(50) + "\n")
    try:
        key = path.read_text().strip()
    except OSError as exc:
        raise _improper(f"GUANXI_SECRET_KEY_FILE: cannot read {path}: {exc}") from None
    if not key:
        raise _improper(f"GUANXI_SECRET_KEY_FILE: {path} is empty")
    return key


PRODUCTION = _flag("GUANXI_PRODUCTION")
DEBUG = _flag("GUANXI_DEBUG", default=not PRODUCTION)
SECRET_KEY = os.environ.get("GUANXI_SECRET_KEY", "")
SECRET_KEY_FILE = os.environ.get("GUANXI_SECRET_KEY_FILE", "")
if not SECRET_KEY and not SECRET_KEY_FILE and not DEBUG and not PRODUCTION:
    # `guanxi serve` on one machine (`make run`): a key of its own, made on first run and
    # kept in the user's config folder, never in the repository. Production names its key
    # (the same on every machine), so it refuses to start without one instead.
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    SECRET_KEY_FILE = str(Path(config) / "guanxi" / "secret_key")
if not SECRET_KEY and SECRET_KEY_FILE:
    SECRET_KEY = _key_from_file(Path(SECRET_KEY_FILE).expanduser())
SECRET_KEY = SECRET_KEY or PLACEHOLDER_SECRET_KEY
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("GUANXI_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
    if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "guanxi.core",
    "guanxi.people",
    "guanxi.deals",
    "guanxi.access",
    "guanxi.interchange",
    "guanxi.connectors",
    "guanxi.web",
    "guanxi.operations",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    # Refuses to build the WSGI/ASGI app when production settings are unsafe (then steps aside).
    "guanxi.core.checks.RefuseUnsafeProduction",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # A busy database answers "busy, try again" (503 + Retry-After), never an error page.
    "guanxi.core.busy.BusyMiddleware",
    # Writes a read asks for (audit of a view, a token's last use) are done after the
    # response, so a held write lock never fails a read (guanxi.core.deferred).
    "guanxi.core.deferred.DeferredWritesMiddleware",
]

# Scripts only from our own static files (htmx, Cytoscape.js, ECharts are served locally, and no
# page has an inline script or handler); styles may be inline, as ECharts and Cytoscape.js
# write style attributes; no frames, plugins or foreign form targets.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

ROOT_URLCONF = "guanxi.urls"
WSGI_APPLICATION = "guanxi.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "guanxi.web.context.navigation",
            ],
            # `url_of` ({% url %} of one record's page) and `json_data` (json_script, written
            # with orjson): guanxi.web.templatetags.links and .jsondata
            "builtins": ["guanxi.web.templatetags.links", "guanxi.web.templatetags.jsondata"],
        },
    },
]

# `guanxi serve`: address, worker processes and threads per worker (flags override these).
SERVER_HOST = os.environ.get("GUANXI_HOST", "127.0.0.1").strip() or "127.0.0.1"
SERVER_PORT = _number("GUANXI_PORT", 8000, low=1, high=65535)
SERVER_WORKERS = _number("GUANXI_WORKERS", 2, low=1, high=64)
SERVER_THREADS = _number("GUANXI_THREADS", 4, low=1, high=64)
SERVER_TIMEOUT = _number("GUANXI_TIMEOUT", 300, low=5, high=3600)

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", "sqlite:///" + str(Path.cwd() / "guanxi.sqlite3"))
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers (pages) work while a writer (import) runs; the pragmas are set
    # on every new connection. A write waits at most DB_LOCK_TIMEOUT seconds for the lock,
    # then answers "busy, try again" (guanxi.core.busy) instead of holding a worker.
    DB_LOCK_TIMEOUT = _number("GUANXI_DB_LOCK_TIMEOUT", 5, low=0.1, high=600, kind=float)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "timeout": DB_LOCK_TIMEOUT,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
else:
    # PostgreSQL: one bounded pool per process (psycopg_pool). A server process never holds
    # more than DB_POOL_SIZE connections (default: one per request thread and one for each
    # of the two background threads — the refresh after a write, the deferred writes — so
    # no thread waits), and the server as a whole at most workers × DB_POOL_SIZE; a
    # connection the server lost is checked and replaced when taken from the pool, so an
    # overload heals itself.
    DB_POOL_SIZE = _number("GUANXI_DB_POOL_SIZE", SERVER_THREADS + 2, low=1, high=500)
    # Behind PgBouncer in transaction mode a cursor kept across transactions may meet another
    # server connection: long reads then come whole instead of through a server-side cursor.
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = _flag("GUANXI_DB_PGBOUNCER")
    DB_LOCK_TIMEOUT = _number("GUANXI_DB_LOCK_TIMEOUT", 10, low=0.1, high=600, kind=float)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # the pool checks before lending
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"]["pool"] = {
        "min_size": 1,
        "max_size": DB_POOL_SIZE,
        "timeout": DB_LOCK_TIMEOUT,
        "max_idle": 300,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background work: a queue in the database, run by `guanxi worker` (docs/decisions.md).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Daily digests: the console backend unless an SMTP host is configured.
EMAIL_HOST = os.environ.get("GUANXI_EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("GUANXI_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("GUANXI_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("GUANXI_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("GUANXI_EMAIL_TLS", "") == "1"
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("GUANXI_EMAIL_FROM", "guanxi@localhost")
#: Whether e-mail really leaves the machine (introductions are e-mailed only then).
GUANXI_EMAIL_CONFIGURED = bool(EMAIL_HOST)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("GUANXI_STATIC_ROOT", REPO_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# npm installs the pinned JS libraries into node_modules; only the files named in
# guanxi/web/vendor.py are served from there (as static/vendor/...).
NODE_MODULES_DIR = Path(os.environ.get("GUANXI_NODE_MODULES", REPO_DIR / "node_modules"))
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "guanxi.web.vendor.VendorFinder",
]

# Static files come from the finders (app static + node_modules) while debugging, so no
# collectstatic is needed for `guanxi serve --dev` or the tests; without DEBUG (`guanxi serve`,
# production) whitenoise serves the collected, hashed and compressed files of the manifest.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
if not DEBUG:
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }

DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024  # a larger API body is answered 413
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
GUANXI_IMPORT_MAX_BYTES = int(os.environ.get("GUANXI_IMPORT_MAX_BYTES", 200 * 1024 * 1024))

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
# Page URLs name customers and people: never send them to another site.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Login throttling (guanxi.access.throttle): lock a user name after 5 failures (an address
# after 20) within 15 minutes; slow every attempt after 3 failures (at most 1 s).
GUANXI_LOGIN_MAX_FAILURES = 5
GUANXI_LOGIN_MAX_FAILURES_PER_IP = 20
GUANXI_LOGIN_WINDOW_SECONDS = 15 * 60
GUANXI_LOGIN_SLOW_AFTER = 3
GUANXI_LOGIN_DELAY_SECONDS = 1.0
# Behind a reverse proxy, the header it sets to the client's address (e.g. X-Real-IP);
# empty: REMOTE_ADDR. Never name a header clients can set themselves past the proxy.
GUANXI_CLIENT_IP_HEADER = os.environ.get("GUANXI_CLIENT_IP_HEADER", "")

if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = _flag("GUANXI_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
