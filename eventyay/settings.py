"""eventyay settings.

Everything is read from the environment with embedded defaults, so `make run` needs nothing:
SQLite, in-memory channel layer, eager Celery, local file storage. Real backends switch on when
`DATABASE_URL`, `REDIS_URL`, `ELASTICSEARCH_URL` or `STORAGE_BUCKET` are set.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DJANGO_DEBUG", False)

# --- Secret key: never shipped in the repository ----------------------------------------------------
# Production reads it from the environment; without one (and DEBUG off) every entry point (server, worker,
# manage.py) stops here with one line. `make run` generates a random key once per checkout into the
# git-ignored `.secret_key` and exports it. With DEBUG on and no key, each process makes up its own
# (sessions and tokens then die with the process).
SECRET_KEY = os.environ.get("SECRET_KEY", "").strip()
#: keys that were published in this repository at some point: refused even when set on purpose
PUBLISHED_SECRET_KEYS = {"eventyay-dev-only-secret-key-change-me-in-production-0123456789"}
if SECRET_KEY in PUBLISHED_SECRET_KEYS:
    raise SystemExit("eventyay: SECRET_KEY is a key published in the repository; set a random one (see README).")
if not SECRET_KEY:
    if not DEBUG:
        raise SystemExit(
            "eventyay: SECRET_KEY is not set (and DJANGO_DEBUG is off); export a long random SECRET_KEY "
            "or use `make run` (see README)."
        )
    import secrets

    SECRET_KEY = secrets.token_urlsafe(50)
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver,[::1]").split(",") if h]
CSRF_FAILURE_VIEW = "eventyay.handlers.csrf_failure"
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

# --- Cookies and transport ----------------------------------------------------------------------------
# With DEBUG off the defaults assume https: cookies travel over https only, and HSTS tells browsers to stay
# there. `make run` serves plain http on 127.0.0.1 and sets DJANGO_INSECURE_HTTP=1 to turn those defaults
# off (a browser would otherwise drop the Secure session cookie there). Each setting can be set on its own.
INSECURE_HTTP = env_bool("DJANGO_INSECURE_HTTP", DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not INSECURE_HTTP)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not INSECURE_HTTP)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 0 if INSECURE_HTTP else 31_536_000))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_CONTENT_TYPE_NOSNIFF = True


def _proxy_ssl_header(value):
    """SECURE_PROXY_SSL_HEADER (opt-in, only behind a proxy that sets the header itself): "1"/"true" trusts
    `X-Forwarded-Proto: https`; "Header-Name,value" names another header and value."""
    value = (value or "").strip()
    if not value or value.lower() in {"0", "false", "no", "off"}:
        return None
    if value.lower() in {"1", "true", "yes", "on"}:
        return ("HTTP_X_FORWARDED_PROTO", "https")
    header, _, expected = value.partition(",")
    return ("HTTP_" + header.strip().upper().replace("-", "_"), expected.strip() or "https")


SECURE_PROXY_SSL_HEADER = _proxy_ssl_header(os.environ.get("SECURE_PROXY_SSL_HEADER"))

INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "corsheaders",
    "rest_framework",
    "rest_framework_json_api",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "channels",
    "django_celery_results",
    "django_celery_beat",
    "roles",
    "events",
    "tickets",
    "pages",
    "notifications",
    "eventyay.api",
]

MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",  # first: a preflight is answered before anything asks for credentials
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "eventyay.csp.ContentSecurityPolicyMiddleware",
]

# --- CORS: API clients (the Open Event frontend) on other origins ---------------------------------------
# Comma-separated origins, e.g. "https://app.example.org,http://localhost:4200". The embedded default allows the
# local client ports (the Ember dev server on 4200, serve_client.py on 8107). Tokens travel in the Authorization
# header, not cookies, so credentials are not allowed cross-origin.
CORS_ALLOWED_ORIGINS = [
    o.strip()
    for o in os.environ.get(
        "CORS_ALLOWED_ORIGINS",
        "http://127.0.0.1:4200,http://localhost:4200,http://127.0.0.1:8107,http://localhost:8107",
    ).split(",")
    if o.strip()
]
CORS_URLS_REGEX = r"^/(v1/|auth/|health-check|media/).*$"
CORS_ALLOW_HEADERS = (
    "accept",
    "authorization",
    "content-type",
    "if-match",
    "if-none-match",
    "origin",
    "x-csrf-token",
    "x-requested-with",
)
CORS_EXPOSE_HEADERS = ("ETag", "Location", "Retry-After", "WWW-Authenticate")
CORS_ALLOW_CREDENTIALS = False
CORS_PREFLIGHT_MAX_AGE = 86400

ROOT_URLCONF = "eventyay.urls"
WSGI_APPLICATION = "eventyay.wsgi.application"
ASGI_APPLICATION = "eventyay.asgi.application"

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
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=0)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool("DB_POOL", True):
        # psycopg 3's pool, one per process: a request thread borrows a connection and gives it back when the
        # request ends. Size it to the server's threads per process (gunicorn --threads, or the ASGI server's
        # thread pool); a request that waits longer than DB_POOL_TIMEOUT for a connection answers 503.
        DATABASES["default"]["OPTIONS"] = {
            **DATABASES["default"].get("OPTIONS", {}),
            "pool": {
                "min_size": int(os.environ.get("DB_POOL_MIN_SIZE", 1)),
                "max_size": int(os.environ.get("DB_POOL_MAX_SIZE", 8)),
                "timeout": float(os.environ.get("DB_POOL_TIMEOUT", 10)),
                "max_idle": 300,
            },
        }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
            "OPTIONS": {"timeout": 20},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "roles.User"
AUTHENTICATION_BACKENDS = ["roles.backends.AccountBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("email", "first_name", "last_name", "public_name")},
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
#: links mailed for e-mail verification and password reset stop working after this many seconds
EMAIL_VERIFICATION_MAX_AGE = int(os.environ.get("EMAIL_VERIFICATION_MAX_AGE", 3 * 24 * 3600))
PASSWORD_RESET_TIMEOUT = int(os.environ.get("PASSWORD_RESET_TIMEOUT", 3600))
#: failed sign-ins allowed per account and per client address within the window (seconds), then 429
LOGIN_FAILURES_PER_ACCOUNT = int(os.environ.get("LOGIN_FAILURES_PER_ACCOUNT", 5))
LOGIN_FAILURES_PER_ADDRESS = int(os.environ.get("LOGIN_FAILURES_PER_ADDRESS", 20))
LOGIN_FAILURE_WINDOW = int(os.environ.get("LOGIN_FAILURE_WINDOW", 15 * 60))
# `POST /v1/users/check_email` answers whether an address has an account: a few per client address per window
EMAIL_CHECKS_PER_ADDRESS = int(os.environ.get("EMAIL_CHECKS_PER_ADDRESS", 30))
#: proxies in front of the app that append to X-Forwarded-For (0: the client address is the peer's)
NUM_PROXIES = int(os.environ.get("NUM_PROXIES", 0))
LOGIN_URL = "/login"
LOGIN_REDIRECT_URL = "/dashboard"
LOGOUT_REDIRECT_URL = "/"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static and media files --------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Set an absolute MEDIA_URL (https://host/media/) when API clients live on another origin.
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

STORAGE_BUCKET = os.environ.get("STORAGE_BUCKET", "")
if STORAGE_BUCKET:
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": STORAGE_BUCKET,
            "endpoint_url": os.environ.get("STORAGE_ENDPOINT_URL") or None,
            "access_key": os.environ.get("STORAGE_ACCESS_KEY") or None,
            "secret_key": os.environ.get("STORAGE_SECRET_KEY") or None,
            "region_name": os.environ.get("STORAGE_REGION") or None,
            "custom_domain": os.environ.get("STORAGE_CUSTOM_DOMAIN") or None,
            "file_overwrite": False,
        },
    }
else:
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
# Exports and pending imports: never under MEDIA_URL (eventyay/private_storage.py)
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private_media"))
STORAGE_PRIVATE_BUCKET = os.environ.get("STORAGE_PRIVATE_BUCKET", STORAGE_BUCKET)
STORAGE_OPTIONS = _default_storage.get("OPTIONS", {})
PRIVATE_URL_SECONDS = int(os.environ.get("PRIVATE_URL_SECONDS", 60))
# how long a link to an export (in the task result and the notification) works; exports are deleted after
EXPORT_LINK_SECONDS = int(os.environ.get("EXPORT_LINK_SECONDS", 3600))
EXPORT_RETENTION_HOURS = int(os.environ.get("EXPORT_RETENTION_HOURS", 72))
STORAGES = {
    "default": _default_storage,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Largest upload accepted by the upload endpoints (bytes) and largest decoded image (pixels).
MAX_UPLOAD_SIZE = int(os.environ.get("MAX_UPLOAD_SIZE", 10 * 1024 * 1024))
MAX_IMAGE_PIXELS = int(os.environ.get("MAX_IMAGE_PIXELS", 40_000_000))
# --- Limits per request (eventyay/limits.py) ----------------------------------------------------------
# A body that is not a file upload: room for one base64 data URL of MAX_UPLOAD_SIZE (4/3 of it) and its JSON.
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_SIZE * 4 // 3 + 256 * 1024
# Any request body at all (several files in one multipart upload included); larger ones are refused with a
# 413 before they are read (eventyay/asgi_limits.py).
MAX_REQUEST_SIZE = int(os.environ.get("MAX_REQUEST_SIZE", MAX_UPLOAD_SIZE * 3))
MAX_JSON_DEPTH = int(os.environ.get("MAX_JSON_DEPTH", 32))
# Seats one order may hold (a ticket's max-order cannot exceed it).
MAX_SEATS_PER_ORDER = int(os.environ.get("MAX_SEATS_PER_ORDER", 100))

# --- Redis: channel layer, Celery broker, cache -------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
#: per process and per client: connections a process may open (callers wait up to REDIS_POOL_TIMEOUT for one)
REDIS_MAX_CONNECTIONS = int(os.environ.get("REDIS_MAX_CONNECTIONS", 50))
REDIS_POOL_TIMEOUT = float(os.environ.get("REDIS_POOL_TIMEOUT", 5))
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            # channels_redis blocks on Redis for 5 s waiting for a message; the socket timeout must be longer,
            # or every idle WebSocket dies after 5 s (redis-py's default read timeout is also 5 s)
            "BACKEND": "eventyay.layers.RedisChannelLayer",
            "CONFIG": {
                "hosts": [
                    {
                        "address": REDIS_URL,
                        "socket_timeout": 15,
                        "socket_connect_timeout": 5,
                        "socket_keepalive": True,
                        "max_connections": REDIS_MAX_CONNECTIONS,
                        "timeout": REDIS_POOL_TIMEOUT,
                    }
                ],
                "capacity": 1000,
            },
        }
    }
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "pool_class": "redis.BlockingConnectionPool",
                "max_connections": REDIS_MAX_CONNECTIONS,
                "timeout": REDIS_POOL_TIMEOUT,
                "socket_timeout": 5,
                "socket_connect_timeout": 5,
            },
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Celery -------------------------------------------------------------------------------------
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", REDIS_URL or "memory://")
# a bounded broker pool per process; kombu's Redis reads block for 1 s at most, so 10 s never cuts one short;
# connect quickly or fail: a request never hangs on an unreachable broker (the outbox retries)
CELERY_BROKER_POOL_LIMIT = int(os.environ.get("CELERY_BROKER_POOL_LIMIT", 10))
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_timeout": 10,
    "socket_connect_timeout": 3,
    "max_connections": REDIS_MAX_CONNECTIONS,
}
CELERY_RESULT_BACKEND = "django-db"
CELERY_RESULT_EXTENDED = True
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not bool(REDIS_URL))
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_STORE_EAGER_RESULT = True
CELERY_TASK_TRACK_STARTED = True
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TIMEZONE = "UTC"
# the outbox of tasks and pushes that could not reach Redis (notifications.dispatch)
OUTBOX_DRAIN_SECONDS = float(os.environ.get("OUTBOX_DRAIN_SECONDS", 10))
OUTBOX_MAX_ATTEMPTS = int(os.environ.get("OUTBOX_MAX_ATTEMPTS", 50))
# export/import tasks: heartbeat period and how long without one before a task is declared lost (worker died)
TRANSFER_HEARTBEAT_SECONDS = float(os.environ.get("TRANSFER_HEARTBEAT_SECONDS", 2))
TRANSFER_LEASE_SECONDS = float(os.environ.get("TRANSFER_LEASE_SECONDS", 20))
CELERY_BEAT_SCHEDULE = {
    "tickets-expire-pending-orders": {"task": "tickets.tasks.expire_pending_orders", "schedule": 60.0},
    # a fresh search index every week (besides continuous sync); also run `manage.py search_rebuild` on deploy
    "search-rebuild-weekly": {"task": "search.rebuild", "schedule": crontab(minute=30, hour=3, day_of_week="sun")},
    "notifications-drain-outbox": {"task": "notifications.drain_outbox", "schedule": OUTBOX_DRAIN_SECONDS},
    "events-sweep-transfers": {"task": "events.sweep_transfers", "schedule": 60.0},
}

# --- Search (events.search): the database always; Elasticsearch when ELASTICSEARCH_URL is set -----------
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
if ELASTICSEARCH_URL:
    INSTALLED_APPS.append("django_elasticsearch_dsl")
    ELASTICSEARCH_DSL = {"default": {"hosts": ELASTICSEARCH_URL}}
# syncing is events.search.sync's (after commit, through Celery, in bulk), not the library's signal handlers
ELASTICSEARCH_DSL_SIGNAL_PROCESSOR = "django_elasticsearch_dsl.signals.BaseSignalProcessor"
ELASTICSEARCH_DSL_AUTOSYNC = False
# the 9.x client says compatible-with=9, which Elasticsearch 8 refuses; 8 is understood by 8.x and 9.x servers
ELASTICSEARCH_COMPATIBLE_WITH = os.environ.get("ELASTICSEARCH_COMPATIBLE_WITH", "8")
SEARCH_INDEX_PREFIX = os.environ.get("SEARCH_INDEX_PREFIX", "eventyay")
SEARCH_ENGINE_TIMEOUT = float(os.environ.get("SEARCH_ENGINE_TIMEOUT", 5))  # seconds per request
SEARCH_MAX_HITS = int(os.environ.get("SEARCH_MAX_HITS", 1000))  # engine matches a search considers
SEARCH_RETRY_AFTER = float(os.environ.get("SEARCH_RETRY_AFTER", 30))  # seconds on the database after a failure
SEARCH_SYNC_RETRY_BACKOFF = float(os.environ.get("SEARCH_SYNC_RETRY_BACKOFF", 60))  # first retry delay (doubles)
SEARCH_SYNC_MAX_RETRIES = int(os.environ.get("SEARCH_SYNC_MAX_RETRIES", 8))
SEARCH_REFRESH_ON_WRITE = env_bool("SEARCH_REFRESH_ON_WRITE", False)

# Where links in e-mails point (the Open Event frontend, or this server's own pages)
FRONTEND_URL = os.environ.get("FRONTEND_URL", "http://127.0.0.1:8000").rstrip("/")

# --- Mail ---------------------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH") or None  # for the file-based backend
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "eventyay <noreply@eventyay.local>")

# --- API ----------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "EXCEPTION_HANDLER": "eventyay.api.exceptions.exception_handler",
    "DEFAULT_PAGINATION_CLASS": "eventyay.api.pagination.JsonApiPagination",
    "DEFAULT_PARSER_CLASSES": ("eventyay.api.parsers.JsonApiParser",),
    "DEFAULT_RENDERER_CLASSES": ("eventyay.api.renderers.JsonApiRenderer",),
    "DEFAULT_METADATA_CLASS": "rest_framework_json_api.metadata.JSONAPIMetadata",
    "DEFAULT_FILTER_BACKENDS": (
        "eventyay.api.filters.QueryParameterValidationFilter",
        "eventyay.api.filters.OrderingFilter",
        "eventyay.api.filters.FilterBackend",
    ),
    "DEFAULT_AUTHENTICATION_CLASSES": (
        "roles.authentication.AccountJWTAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ),
    "DEFAULT_PERMISSION_CLASSES": ("eventyay.api.permissions.RulePermission",),
    "DEFAULT_SCHEMA_CLASS": "eventyay.api.schema.AutoSchema",
    "SEARCH_PARAM": "filter[search]",
    "ORDERING_PARAM": "sort",
    "TEST_REQUEST_RENDERER_CLASSES": ("eventyay.api.renderers.JsonApiRenderer",),
    "TEST_REQUEST_DEFAULT_FORMAT": "vnd.api+json",
    "NUM_PROXIES": NUM_PROXIES,  # never None: DRF would then trust any X-Forwarded-For a client sends
}
JSON_API_FORMAT_FIELD_NAMES = "dasherize"
JSON_API_FORMAT_TYPES = "dasherize"
JSON_API_PLURALIZE_TYPES = False
JSON_API_UNIFORM_EXCEPTIONS = True
API_DEFAULT_PAGE_SIZE = 20
# The largest page a list answers, `page[size]=0` ("everything", as the Open Event client asks) included.
API_MAX_PAGE_SIZE = int(os.environ.get("API_MAX_PAGE_SIZE", 1000))
#: render JSON:API documents through eventyay.api.fast_render (same bytes as the library, much faster)
API_FAST_RENDER = env_bool("API_FAST_RENDER", True)
#: anonymous reads of public resources answered from the cache, invalidated by every write (eventyay.api.public_cache)
API_PUBLIC_CACHE = env_bool("API_PUBLIC_CACHE", True)
API_PUBLIC_CACHE_SECONDS = int(os.environ.get("API_PUBLIC_CACHE_SECONDS", 300))
#: a token's user is loaded once per content generation and process (roles.authentication.token_users). Off for
#: a while after two benchmark runs measured socket create→deliver p99 of 195 and 255 ms with it on; repeated runs
#: on 2026-11-26 (sockets alone, and after the rush) measured 17–26 ms with it on and off alike: not the memo
API_TOKEN_USER_MEMO = env_bool("API_TOKEN_USER_MEMO", True)
#: per process: bodies of recent cached answers kept in memory too (a hit then reads only the generation)
API_PUBLIC_CACHE_LOCAL_BYTES = int(os.environ.get("API_PUBLIC_CACHE_LOCAL_BYTES", 32 * 1024 * 1024))

SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(hours=int(os.environ.get("JWT_ACCESS_HOURS", 24))),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=30),
    "AUTH_HEADER_TYPES": ("JWT", "Bearer"),
    "USER_ID_FIELD": "id",
    "USER_ID_CLAIM": "identity",
    "SIGNING_KEY": SECRET_KEY,
    "UPDATE_LAST_LOGIN": False,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "eventyay API",
    "DESCRIPTION": "JSON:API 1.0, wire-compatible with the Open Event Server v1 API.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.request": {"level": "ERROR"}},
}

# Event-wide defaults
PAID_ORDER_EXPIRY_MINUTES = int(os.environ.get("PAID_ORDER_EXPIRY_MINUTES", 30))
#: payment providers by name (`payment-mode` of an order): dotted paths of `tickets.payments.PaymentProvider`
#: subclasses. None is configured by default: charging then answers 422 (no outside providers in this build).
PAYMENT_PROVIDERS = {}
