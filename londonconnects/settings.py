"""LondonConnects settings, read from the environment.

Secure by default: DEBUG is off unless DJANGO_DEBUG=1, and outside debug the site refuses to
start without DJANGO_SECRET_KEY.
"""

import ipaddress
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set DJANGO_SECRET_KEY (or DJANGO_DEBUG=1 for development).")
    SECRET_KEY = "development-only-key-never-used-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "accounts.apps.LondonConnectsAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django_filters",
    "taggit",
    "simple_history",
    "import_export",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "accounts",
    "registers",
    "partners",
    "projects",
    "contacts",
    "eindex",
    "funding",
    "papers",
    "forums",
    "reviews",
    "products",
    "events",
    "jointwork",
    "mypage",
    "search",
    "api",
    "alerts",
    "scheduler",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    # First, to count and time every request, those the page cache answers too.
    "londonconnects.middleware.RequestMetricsMiddleware",
    "londonconnects.middleware.RequestIdMiddleware",
    # Before anything reads the database: where this request's reads go.
    "londonconnects.db_router.ReplicaReadsMiddleware",
    "londonconnects.middleware.RequestSizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "londonconnects.middleware.SecurityHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "londonconnects.middleware.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Before OTPMiddleware: its idle check then loads the user without the OTP device.
    "accounts.middleware.StaffIdleTimeoutMiddleware",
    "accounts.middleware.AdminSecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "londonconnects.urls"
WSGI_APPLICATION = "londonconnects.wsgi.application"

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
                "registers.context_processors.site_navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=600,
        conn_health_checks=True,
    )
}
# Streaming replicas of that database (comma-separated URLs), as replica_0, replica_1, ...:
# londonconnects.db_router sends the reads of public pages, exports, feeds, the API and the
# site search to one, and every write, the admin, and a visitor's reads for
# DATABASE_READ_YOUR_WRITES_SECONDS after their own write to the primary. A replica that does
# not connect within DATABASE_REPLICA_CONNECT_TIMEOUT seconds is skipped for
# DATABASE_REPLICA_RETRY_SECONDS and the primary serves. Tests mirror the primary's test
# database: a physical replica receives it by streaming.
DATABASE_READ_YOUR_WRITES_SECONDS = int(os.environ.get("DATABASE_READ_YOUR_WRITES_SECONDS", "10"))
DATABASE_REPLICA_CONNECT_TIMEOUT = int(os.environ.get("DATABASE_REPLICA_CONNECT_TIMEOUT", "2"))
DATABASE_REPLICA_RETRY_SECONDS = int(os.environ.get("DATABASE_REPLICA_RETRY_SECONDS", "30"))
for number, url in enumerate(env_list("DATABASE_REPLICA_URLS")):
    replica = dj_database_url.parse(url, conn_max_age=600, conn_health_checks=True)
    if replica["ENGINE"] == "django.db.backends.postgresql":
        replica["OPTIONS"] = {"connect_timeout": DATABASE_REPLICA_CONNECT_TIMEOUT}
    replica["TEST"] = {"MIRROR": "default"}
    DATABASES[f"replica_{number}"] = replica
DATABASE_ROUTERS = ["londonconnects.db_router.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Public pages for cookieless visitors are served from the shared cache (see
# AnonymousPageCacheMiddleware); 0 turns it off.
PAGE_CACHE_SECONDS = int(os.environ.get("DJANGO_PAGE_CACHE_SECONDS", "300"))
PAGE_CACHE_EXEMPT_PREFIXES = ("/admin/", "/accounts/", "/healthz", "/metrics")
# Register lists, entries, the site search and the home page are the same for every visitor
# of a class (public, signed in, partner): rendered once per data version and kept with holes
# for the personal parts (registers.pagecache); 0 turns it off.
SHARED_PAGE_CACHE_SECONDS = int(os.environ.get("DJANGO_SHARED_PAGE_CACHE_SECONDS", "3600"))

# A fund closing within this many days is "closing soon"; the home page lists them.
FUNDING_CLOSING_SOON_DAYS = int(os.environ.get("FUNDING_CLOSING_SOON_DAYS", "30"))
# An entry its owner has not reviewed (saved, or confirmed from a reminder) for this long shows
# "may be out of date", and `manage.py remind_owners` asks its partner officers to review it.
REVIEW_AFTER_DAYS = int(os.environ.get("REVIEW_AFTER_DAYS", "365"))
# The domain part of the UIDs in the funding calendar: stable for as long as the site is.
ICAL_UID_DOMAIN = os.environ.get("ICAL_UID_DOMAIN", "londonconnects.org.uk")

# The site's own address, for links in mail (password resets use the request's).
SITE_URL = (
    os.environ.get("SITE_URL")
    or ("http://127.0.0.1:8000" if DEBUG else f"https://{(ALLOWED_HOSTS or ['localhost'])[0]}")
).rstrip("/")

# Background tasks (forum mail, papers' words): queued in the database and run by
# `manage.py db_worker`, so a slow mail server never slows a post, nor a parser an upload.
# TASKS_IMMEDIATE=1 runs them in the request instead (development, tests: no worker needed).
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if env_bool("TASKS_IMMEDIATE", DEBUG)
        else "django_tasks_db.DatabaseBackend"
    }
}

# Papers' words are read for search by a background task, each file in a child process that
# gets this much CPU time and memory, and is killed after PAPER_TEXT_TIMEOUT_SECONDS in all.
PAPER_TEXT_CPU_SECONDS = int(os.environ.get("PAPER_TEXT_CPU_SECONDS", "20"))
PAPER_TEXT_MEMORY_MB = int(os.environ.get("PAPER_TEXT_MEMORY_MB", "512"))
PAPER_TEXT_TIMEOUT_SECONDS = float(os.environ.get("PAPER_TEXT_TIMEOUT_SECONDS", "60"))

# After a change to register data, a task loads the home page and each register's first page
# once (registers.tasks.warm_pages), so the first visitors find them cached. Only where tasks
# go to a worker: run in the request, it would slow every save.
WARM_PAGES_AFTER_CHANGE = env_bool(
    "DJANGO_WARM_PAGES_AFTER_CHANGE", not env_bool("TASKS_IMMEDIATE", DEBUG)
)

# Forums: posts a member may make in a minute, and the longest post.
FORUM_POSTS_PER_MINUTE = int(os.environ.get("FORUM_POSTS_PER_MINUTE", "10"))
FORUM_POST_MAX_CHARACTERS = int(os.environ.get("FORUM_POST_MAX_CHARACTERS", "20000"))

# Link checking (python manage.py check_links, run daily by the scheduler). A link failing for
# more than LINK_BROKEN_AFTER_DAYS is flagged "broken" in the admin and marked as possibly
# out of date on public pages: a day's outage of someone else's site is not news.
LINK_BROKEN_AFTER_DAYS = int(os.environ.get("LINK_BROKEN_AFTER_DAYS", "7"))
LINK_CHECK_TIMEOUT = float(os.environ.get("LINK_CHECK_TIMEOUT", "10"))
LINK_CHECK_PARALLEL = int(os.environ.get("LINK_CHECK_PARALLEL", "8"))
LINK_CHECK_HOST_INTERVAL = float(os.environ.get("LINK_CHECK_HOST_INTERVAL", "1"))
# Addresses come from partner officers: never fetch one inside our own network (tests serve
# their pages on 127.0.0.1 and turn this on).
LINK_CHECK_ALLOW_PRIVATE = env_bool("LINK_CHECK_ALLOW_PRIVATE")

# -- Scheduled jobs -----------------------------------------------------------------------
# `manage.py run_scheduler` (one process per site) runs these management commands at these
# times in Europe/London, each a crontab line: minute hour day-of-month month day-of-week,
# days of the week by name (mon ... sun). `manage.py check` refuses a command that does not
# exist or a line it cannot read; `run_scheduler --list` shows the next runs. A time between
# 01:00 and 01:59 runs an hour late on the last Sunday in March, and once (the first time
# round) on the last Sunday in October.
SCHEDULE = {
    "check_links": os.environ.get("SCHEDULE_CHECK_LINKS", "30 2 * * *"),
    "clearsessions": os.environ.get("SCHEDULE_CLEARSESSIONS", "0 3 * * *"),
    "send_alerts": os.environ.get("SCHEDULE_SEND_ALERTS", "0 6 * * *"),
    "send_forum_digest": os.environ.get("SCHEDULE_SEND_FORUM_DIGEST", "30 6 * * *"),
    "remind_owners": os.environ.get("SCHEDULE_REMIND_OWNERS", "0 7 * * mon"),
    "send_event_reminders": os.environ.get("SCHEDULE_SEND_EVENT_REMINDERS", "0 9 * * *"),
}

# -- Metrics and errors ---------------------------------------------------------------------
# /metrics (Prometheus' text format, londonconnects.metrics) answers only a scraper that sends
# "Authorization: Bearer <METRICS_TOKEN>" or comes from one of METRICS_ALLOWED_NETWORKS
# (comma-separated CIDRs, matched against the client's address as
# accounts.addresses.client_address finds it behind DJANGO_PROXY_COUNT proxies). Anyone else,
# and everyone when neither is set, gets the site's 404: the page does not reveal itself.
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")
if METRICS_TOKEN and len(METRICS_TOKEN) < 32:
    raise ImproperlyConfigured(
        "METRICS_TOKEN is too short: use at least 32 random characters, e.g. "
        'python3 -c "import secrets; print(secrets.token_urlsafe(32))"'
    )
METRICS_ALLOWED_NETWORKS = env_list("METRICS_ALLOWED_NETWORKS")
for network in METRICS_ALLOWED_NETWORKS:
    try:
        ipaddress.ip_network(network, strict=False)
    except ValueError as error:
        raise ImproperlyConfigured(f"METRICS_ALLOWED_NETWORKS: {error}") from None

# Errors (and, at SENTRY_TRACES_SAMPLE_RATE, performance traces) go to Sentry when SENTRY_DSN
# is set, with personal data scrubbed (londonconnects.sentry); unset, the SDK is not started
# and nothing is sent.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
SENTRY_ENVIRONMENT = os.environ.get("SENTRY_ENVIRONMENT", "production")
SENTRY_TRACES_SAMPLE_RATE = float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0"))
if SENTRY_DSN:
    from londonconnects.sentry import start_sentry

    start_sentry(
        SENTRY_DSN,
        environment=SENTRY_ENVIRONMENT,
        traces_sample_rate=SENTRY_TRACES_SAMPLE_RATE,
    )

# One cache shared by every worker process, so that what one process invalidates on publish
# no process serves stale: Redis when REDIS_URL is set, else a table in the database.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "cache_entries",
        }
    }

AUTHENTICATION_BACKENDS = [
    # First, so a locked-out sign-in or a throttled address is refused before any password is
    # checked.
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.SignInThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# -- Sign-in security ---------------------------------------------------------------------
# The client's address (accounts.addresses.client_address) is REMOTE_ADDR unless this many
# trusted proxies stand in front, each appending to X-Forwarded-For; lock-outs, rate limits
# and the access log all use it.
PROXY_COUNT = int(os.environ.get("DJANGO_PROXY_COUNT", "0"))
# Brute force: lock out a username from an address after AXES_FAILURE_LIMIT failures (the
# same name from another address still signs in) ...
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("DJANGO_AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "accounts.addresses.client_address"
# ... and password spraying: an address with this many wrong passwords (any user names) in
# the cool-off period may not sign in at all until it ends (accounts.backends).
SIGN_IN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("DJANGO_SIGN_IN_ADDRESS_FAILURE_LIMIT", "30"))

# The admin asks for a TOTP code (django-otp) when this is on: by default outside debug.
ADMIN_REQUIRE_OTP = env_bool("DJANGO_ADMIN_REQUIRE_OTP", not DEBUG)
OTP_TOTP_ISSUER = "LondonConnects"
# Staff are signed out after this many seconds without a request.
STAFF_IDLE_TIMEOUT = int(os.environ.get("DJANGO_STAFF_IDLE_TIMEOUT", str(30 * 60)))
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
# Sessions are read from the shared cache (Redis when REDIS_URL is set) and written through to
# the database, which keeps them across a cache flush or restart.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Files served at the site root (favicon.ico, which browsers ask for by that name).
WHITENOISE_ROOT = BASE_DIR / "public"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))


# Papers and review PDFs are never served from a public URL: a view checks who asks and
# counts the download. On disk they sit outside MEDIA_URL (PAPERS_ROOT, REVIEWS_ROOT); in
# S3-compatible storage (PAPERS_S3_BUCKET, one bucket, a prefix each) the bucket is private
# and nothing is handed a link to it.
def private_storage(location: str) -> dict:
    if os.environ.get("PAPERS_S3_BUCKET"):
        return {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": os.environ["PAPERS_S3_BUCKET"],
                "endpoint_url": os.environ.get("PAPERS_S3_ENDPOINT_URL") or None,
                "region_name": os.environ.get("PAPERS_S3_REGION") or None,
                "default_acl": "private",
                "querystring_auth": True,
                "file_overwrite": False,
                "location": location,
            },
        }
    folder = os.environ.get(f"{location.upper()}_ROOT", BASE_DIR / "private" / location)
    return {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": Path(folder), "base_url": None},
    }


STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "papers": private_storage("papers"),
    # Published annual reviews' PDFs, served by /reviews/<year>/pdf/.
    "reviews": private_storage("reviews"),
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "noreply@londonconnects.org.uk")
# The SMTP server the site's mail (alerts, reminders, forum mail, password resets) goes through.
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS")

# -- HTTPS and headers --------------------------------------------------------------------
# Behind a TLS-terminating load balancer, trust its header for the original scheme.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Served over HTTPS everywhere but a developer's machine.
HTTPS = env_bool("DJANGO_HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz"]  # load balancers probe over plain HTTP
SECURE_HSTS_SECONDS = 63072000 if HTTPS else 0  # two years, as the preload list asks
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
# The __Host- prefix pins a cookie to this host, over HTTPS, on every path.
SESSION_COOKIE_NAME = "__Host-sessionid" if HTTPS else "sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken" if HTTPS else "csrftoken"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Strict"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        **({"upgrade-insecure-requests": True} if HTTPS else {}),
    }
}
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
        "interest-cohort",
    )
}

# Explicit limits on what a request may send (Django does not cap uploaded files itself).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # form fields, not files
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
MAX_UPLOAD_SIZE = int(os.environ.get("DJANGO_MAX_UPLOAD_MB", "25")) * 1024 * 1024
# A whole request body: the largest upload plus room for the form around it.
MAX_REQUEST_BODY_SIZE = MAX_UPLOAD_SIZE + 1024 * 1024

SIMPLE_HISTORY_HISTORY_ID_USE_UUID = False
# Reverting goes through the register admin's own restore action, which also restores
# many-to-many fields; simple-history's built-in revert form would silently skip them.
SIMPLE_HISTORY_REVERT_DISABLED = True

# Spreadsheet import in the admin (registers.imports): a confirmed import is one transaction,
# rolled back whole if any row fails. Formulae are escaped on export by registers.imports
# (an apostrophe before =, +, - or @, taken off again on import), not by import-export's own
# setting, which deletes a leading "=" from the value and so would change it on the way back.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = False
IMPORT_EXPORT_SKIP_ADMIN_LOG = False

TAGGIT_CASE_INSENSITIVE = True
TAGGIT_TAGS_FROM_STRING = "registers.tags.comma_splitter"
TAGGIT_STRING_FROM_TAGS = "registers.tags.comma_joiner"

# One JSON line per event on stdout, each with the request id also sent as X-Request-ID.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "londonconnects.logging.RequestIdFilter"}},
    "formatters": {"json": {"()": "londonconnects.logging.JsonLineFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["request_id"],
            "formatter": "json",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # The access line comes from RequestIdMiddleware; Django's own would repeat it.
        "django.server": {"level": "WARNING"},
        "django.request": {"level": "ERROR"},
        "axes": {"level": "WARNING"},
        # WeasyPrint narrates every step of a layout at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
