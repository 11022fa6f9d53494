"""Cradle's settings: one module, every value read from the environment.

Local defaults are safe for a developer's machine; production refuses to start without a
secret key. See the configuration table in README.md.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def envfloat(name: str, default: float) -> float:
    value = os.environ.get(name)
    return float(value) if value else default


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def database_from_env() -> dict:
    """The database named by DATABASE_URL, or a SQLite file in the project folder.

    SQLite runs in WAL mode with IMMEDIATE transactions so that concurrent writers queue
    instead of failing with "database is locked"; PostgreSQL keeps connections for a minute
    and checks them before reuse, so a restarted server costs no failed request.
    """
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
    if url.startswith("sqlite"):
        config = dj_database_url.parse(url)
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
        return config
    return dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)


DEBUG = envbool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable "
            "(or DEBUG=1 for local development)."
        )
    SECRET_KEY = "insecure-local-development-key-never-used-in-production"

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_forms_gds",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "partnership",
    "twostep",
    "sso",
    "continuum",
    "assessments",
    "dashboards",
    "notifications",
    "rights",
    "voice",
    "api",
    "perf",
    "operations",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # CORS and the per-address throttle, for paths under /api/ only.
    "api.edge.ApiEdgeMiddleware",
    # Before anything reads a request body: a body over its page's limit is never read.
    "partnership.request_limits.RequestSizeMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # English or Welsh: the language cookie, else the browser's Accept-Language.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A signed-in person's saved language wins over the cookie and the browser.
    "partnership.language.SavedLanguageMiddleware",
    # Except on the API, which is English whatever the request asks for.
    "api.edge.EnglishMiddleware",
    # Whatever the first step of signing in was, leads and admins pass the second before
    # anything else (twostep.gate).
    "twostep.gate.SecondStepMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "partnership.middleware.NoStoreForSignedInMiddleware",
    # Last, as django-axes asks, so that it sees every authentication attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

DATABASES = {"default": database_from_env()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "partnership.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Django's rules, with their messages in Cradle's catalogue (partnership/passwords.py).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "partnership.passwords.UserAttributeSimilarityValidator"},
    {"NAME": "partnership.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "partnership.passwords.CommonPasswordValidator"},
    {"NAME": "partnership.passwords.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "partnership:list"
LOGOUT_REDIRECT_URL = "home"
PASSWORD_RESET_TIMEOUT = envint("PASSWORD_RESET_TIMEOUT", 3 * 24 * 3600)
# Reset emails an hour to one email address, and reset requests an hour from one client address.
PASSWORD_RESET_EMAIL_LIMIT = envint("PASSWORD_RESET_EMAIL_LIMIT", 3)
PASSWORD_RESET_CLIENT_LIMIT = envint("PASSWORD_RESET_CLIENT_LIMIT", 10)

# Single sign-on (docs/sso.md): providers are configured in the admin. The password sign-in form
# asks this function whether an email's domain must use its provider instead; named here so that
# the partnership app imports nothing from the app above it.
PASSWORD_SIGNIN_RULE = "sso.rules.password_refusal"
# Seconds to wait for a provider, and to keep its discovery document and signing keys.
SSO_HTTP_TIMEOUT = envint("SSO_HTTP_TIMEOUT", 10)
SSO_DISCOVERY_CACHE_SECONDS = envint("SSO_DISCOVERY_CACHE_SECONDS", 3600)
# Clock difference allowed between Cradle and a provider when checking an ID token's times.
SSO_CLOCK_LEEWAY_SECONDS = envint("SSO_CLOCK_LEEWAY_SECONDS", 60)

# Sign-in throttling: a username, or an address, that fails five times in a row is locked out
# for a quarter of an hour. Either parameter alone locks, so spreading guesses over many
# addresses does not help.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "partnership.signin.throttled_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "partnership.signin.locked_out"
AXES_CLIENT_IP_CALLABLE = "partnership.audit.client_ip"
# Reverse proxies in front of Cradle; the client's address is read from X-Forwarded-For through
# exactly this many of them (counting from the right), and the header is ignored when it is 0.
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", 0)
AXES_VERBOSE = False

# Two-step verification (authenticator app codes): the roles that must use it ("admin" is
# is_staff or is_superuser, "lead" a lead in any partnership); anyone else may choose to.
# TWO_STEP_ENFORCED=0 turns the gate off, for the benchmark's servers only, never in service.
TWO_STEP_REQUIRED_ROLES = envlist("TWO_STEP_REQUIRED_ROLES", "admin,lead")
TWO_STEP_ENFORCED = envbool("TWO_STEP_ENFORCED", True)
# Wrong codes, from one person or one address, that lock the second step, and for how long.
TWO_STEP_FAILURE_LIMIT = envint("TWO_STEP_FAILURE_LIMIT", 5)
TWO_STEP_COOLOFF_MINUTES = envint("TWO_STEP_COOLOFF_MINUTES", 15)
OTP_TOTP_ISSUER = "Cradle"
# django-otp's own growing delay between tries is off: the lock above throttles instead.
OTP_TOTP_THROTTLE_FACTOR = 0

# Cross-area maturity cells resting on fewer responses than this are suppressed.
DASHBOARD_MIN_RESPONSES = envint("DASHBOARD_MIN_RESPONSES", 3)
# Families' answers to a survey statement are shown, on every page and download, only once at
# least this many families have answered it; a survey's comments only once this many responded.
VOICE_MIN_RESPONSES = envint("VOICE_MIN_RESPONSES", 5)
# Families' free-text comments are deleted this many days after they arrive
# (`manage.py delete_old_comments`, run daily).
VOICE_COMMENT_RETENTION_DAYS = envint("VOICE_COMMENT_RETENTION_DAYS", 365)
# Survey submissions an hour from one client address to one survey, and to one survey in all.
VOICE_ADDRESS_LIMIT = envint("VOICE_ADDRESS_LIMIT", 10)
VOICE_LINK_LIMIT = envint("VOICE_LINK_LIMIT", 300)

# In an anonymous round, sectors with fewer people are pooled as "Other sectors" wherever
# ratings are broken down by sector.
ANONYMOUS_MIN_GROUP_SIZE = envint("ANONYMOUS_MIN_GROUP_SIZE", 3)

# The task list on "your partnerships" and each overview: a function of (person, [(partnership,
# role)], today) giving each partnership's tasks. Named here so that the partnership app, on the
# bottom floor, reads what the rounds decide without importing the app above it.
PARTNERSHIP_TASKS = "assessments.task_rows.tasks_by_partnership"
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", 8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if os.environ.get("SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = (os.environ["SECURE_PROXY_SSL_HEADER"], "https")
# Behind a proxy that rewrites Host, read the original from X-Forwarded-Host; off by default,
# since a proxy that passes Host through (nginx's `proxy_set_header Host $host`) needs nothing.
USE_X_FORWARDED_HOST = envbool("USE_X_FORWARDED_HOST", False)

# No inline script or style anywhere: every script and stylesheet is a file under static/.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Emails print to the console in development and go out by SMTP otherwise.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Cradle <no-reply@cradle.invalid>")
# The folder the file backend writes emails to (EMAIL_BACKEND=...filebased.EmailBackend).
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH")
# Where emails' links point: the address people reach Cradle at, without a trailing slash.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

# English and Welsh (docs/welsh.md). Welsh public bodies must offer their services in both.
LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "cradle_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": os.environ.get(
            "STATICFILES_BACKEND", "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

# Messages ride in a signed cookie (the session only when they do not fit), so a save that says
# "Saved" does not also write the session row: one commit fewer on every form post.
MESSAGE_STORAGE = "django.contrib.messages.storage.fallback.FallbackStorage"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.server": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        "cradle.audit": {"level": "INFO"},
        # WeasyPrint reports every step of every PDF, and fontTools every font it subsets.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# An ORUK feed larger than this is refused before it is read.
SERVICE_IMPORT_MAX_BYTES = envint("SERVICE_IMPORT_MAX_BYTES", 10 * 1024 * 1024)
# A feed larger than this is not imported during the request but queued for
# `manage.py run_import_jobs`, and the lead follows its progress on the job's page.
SERVICE_IMPORT_INLINE_MAX_BYTES = envint("SERVICE_IMPORT_INLINE_MAX_BYTES", 1024 * 1024)

# An indicator file (a Fingertips download, births by area) larger than this is refused before
# it is read, on the upload pages and by the import_indicators command.
INDICATOR_UPLOAD_MAX_BYTES = envint("INDICATOR_UPLOAD_MAX_BYTES", 100 * 1024 * 1024)

# A request body larger than this is refused (413) before it is read, except a file on an upload
# page from a user allowed to upload there (partnership.request_limits). Bodies within it stay
# in memory, so no page writes a stranger's upload to disk.
REQUEST_MAX_BYTES = envint("REQUEST_MAX_BYTES", 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = REQUEST_MAX_BYTES

# Where `manage.py backup` writes backups and their manifests.
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR") or BASE_DIR / "backups")

# Board report PDFs and the dashboards' content, keyed by the data versions they were drawn
# from (partnership/versions.py). PDFs in files: the app servers on one machine share the
# folder, and no query is spent on the cache. Dashboards in each process's memory. A key names
# exactly one drawing of one version of the data, so no cache is ever stale, only cold.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # Drawn dashboard content, shared by every worker process (one draw per version, not one
    # per worker) and cleared for all of them at once when a person is erased.
    "pages": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("PAGE_CACHE_DIR") or BASE_DIR / "cache" / "pages",
        # An hour: an entry no key can reach any more (the data moved on) is gone within it.
        "TIMEOUT": envint("PAGE_CACHE_SECONDS", 3600),
        "OPTIONS": {"MAX_ENTRIES": envint("PAGE_CACHE_ENTRIES", 1000)},
    },
    "reports": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        # In the service's own folder, not a shared temporary one another account could own.
        "LOCATION": os.environ.get("REPORT_CACHE_DIR") or BASE_DIR / "cache" / "reports",
        # A report shows the day it was drawn, so a drawn PDF is of no use the next day.
        "TIMEOUT": envint("REPORT_CACHE_SECONDS", 24 * 3600),
        "OPTIONS": {"MAX_ENTRIES": envint("REPORT_CACHE_ENTRIES", 2000)},
    },
}
# How long a download of the board report PDF waits for a drawing before answering that the
# report is being prepared; the drawing goes on beside the requests and is kept when done.
REPORT_DRAW_WAIT_SECONDS = envfloat("REPORT_DRAW_WAIT_SECONDS", 0.8)
# Requests a minute one client address may make to the read API (/api/). The count is kept in
# Django's cache: per process unless CACHES names a shared cache.
API_REQUESTS_PER_MINUTE = envint("API_REQUESTS_PER_MINUTE", 300)
