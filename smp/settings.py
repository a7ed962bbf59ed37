"""Settings for the SMP platform.

Everything comes from the environment (see the table in README.md). With nothing
set the project runs on a laptop at once: SQLite under ``var/``, Celery tasks run
eagerly in-process, ``DEBUG`` on and a generated development secret.
``DEBUG=0`` switches on the production hardening in one place.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from smp.env import cache_config, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

DEBUG = env_bool("DEBUG", True)


def _dev_secret() -> str:
    """A per-checkout secret kept in var/ so sessions survive a restart."""
    VAR_DIR.mkdir(exist_ok=True)
    path = VAR_DIR / "dev-secret-key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG=0")
    SECRET_KEY = _dev_secret()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "partnerships.admin_site.PolicyAdminConfig",  # django.contrib.admin behind the permission policy
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "django_countries",
    "simple_history",
    "axes",
    "csp",
    # Our apps
    "accounts",
    "partnerships",
    "stakeholders",
    "skills",
    "costs",
    "recruitment",
    "feasibility",
    "design",
    "reviews",
    "api",
    "agreements",
    "monitoring",
    "practices",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages and API answers compressed for slow links (WhiteNoise serves static files pre-compressed). Django's
    # GZip adds random bytes to each response against BREACH-style attacks; CSRF tokens are masked per request.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.UserLanguageMiddleware",  # the user's saved language wins over the browser's (pages)
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Input hygiene (issue 16): NUL in query strings/forms → 400; JSON errors for API failures outside DRF.
    "smp.middleware.RejectNullCharactersMiddleware",
    "api.middleware.ApiErrorMiddleware",
    # Security headers and login lockout (docs/security.md); axes' middleware must stay last.
    "smp.middleware.ContentSecurityPolicyMiddleware",
    "smp.middleware.PermissionsPolicyMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "smp.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            # {% colon %} (smp/punctuation.py): "Stage: Design", "Phase : Conception"; |reason (smp/history.py).
            "libraries": {"punctuation": "smp.templatetags.punctuation", "history": "smp.templatetags.history"},
        },
    },
]

WSGI_APPLICATION = "smp.wsgi.application"
ASGI_APPLICATION = "smp.asgi.application"

#
# Database: DATABASE_URL, else SQLite under var/ (https://github.com/jazzband/dj-database-url)
#
VAR_DIR.mkdir(exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes first: it refuses a locked-out username and address before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "accounts:start"  # by role: reviewers the dashboard, others My partnerships
LOGOUT_REDIRECT_URL = "home"

#
# Internationalisation: IOM's working languages
#
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

#
# Static files: whitenoise, hashed names in production
#
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Generated files that only a permission-checked view serves (PDF design briefs): never under STATIC_ROOT,
# never behind a public URL. Web and worker must share this directory (a named volume in docker-compose.yml).
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(VAR_DIR / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": None},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

#
# Celery: CELERY_BROKER_URL, else tasks run eagerly in-process
# (https://docs.celeryq.dev/en/stable/userguide/configuration.html)
#
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL")
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", CELERY_BROKER_URL)
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL is None
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 120)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 180)
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_RESULT_EXPIRES = 3600
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Time bounds of a lost job (docs/feasibility.md, "Jobs that never get stuck"): Redis redelivers an
# unacknowledged task after the visibility timeout — a little above the hard time limit, so a task still
# running is not sent twice, and short enough that a killed worker's task is redelivered within minutes.
# Workers look for such messages every 10 s (kombu's default scan runs only every 100 s).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", CELERY_TASK_TIME_LIMIT + 20),
    "unacked_restore_interval": 10,
    "unacked_restore_throttle": 1,
    # A request that publishes a task must not hang on a dead or frozen broker (answer 503 within 3 s).
    "socket_connect_timeout": 1,
    "socket_timeout": 2,
}
CELERY_BROKER_CONNECTION_TIMEOUT = 1
# Publishing (a request sending a check) gives up after one attempt: redis-py already replaces a stale
# pooled connection (Redis restarted) by itself, and each retry of kombu's would add a full socket timeout
# against a frozen broker (measured: 2 s with no retry, 6 s with one). The caller fails the run and says so.
CELERY_TASK_PUBLISH_RETRY = True
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 0}
# A task that keeps its result must not wait ~20 s for a dead result store either.
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 1
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"retry_policy": {"max_retries": 1, "interval_start": 0, "interval_max": 0.2}}
CELERY_BEAT_SCHEDULE_FILENAME = env_str("CELERY_BEAT_SCHEDULE_FILENAME", str(VAR_DIR / "celerybeat-schedule"))
# Periodic jobs, named by task so settings import no app code (docs/feasibility.md "Jobs").
CELERY_BEAT_SCHEDULE = {
    # Runs a lost worker left "running" (and queued runs nobody took) become "failed" — never left running.
    # Every 30 s: with the stuck threshold (230 s by default) a killed worker's run ends within 260 s of its
    # start, inside the 5-minute bound of docs/feasibility.md. Expires so a backlog does not pile them up.
    "feasibility-mark-stuck-runs": {
        "task": "feasibility.mark_stuck_runs",
        "schedule": 30.0,
        "options": {"expires": 25},
    },
    # Re-check partnerships whose latest result may be stale: data, ruleset or reference data changed, the
    # latest run failed, or (rules that read today's date) the latest run is from an earlier day.
    "feasibility-recheck-changed": {"task": "feasibility.recheck_changed", "schedule": crontab(hour=2, minute=30)},
    # Portfolio figures (cost per migrant, migrant-borne share) behind the dashboard medians.
    "reviews-refresh-portfolio-figures": {"task": "reviews.refresh_portfolio_figures", "schedule": 600},
    # Remind the lead side of reporting periods that ended without values (docs/review.md "Reporting reminders").
    # Once a day, in the morning of the server's time zone; a period is reminded once, however often it runs.
    "monitoring-send-reporting-reminders": {
        "task": "monitoring.send_reporting_reminders",
        "schedule": crontab(hour=6, minute=0),
        "options": {"expires": 6 * 3600},
    },
}

#
# Email
#
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "smp@localhost")
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_CONFIGURED = bool(EMAIL_HOST)
# Links in emails sent without a request (the beat job's reporting reminders) start with this address.
SITE_URL = env_str("SITE_URL", "http://localhost:8000").rstrip("/")

#
# Production hardening, switched on by DEBUG=0
# (https://docs.djangoproject.com/en/5.2/howto/deployment/checklist/)
#
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # Behind a TLS-terminating proxy set SECURE_SSL_REDIRECT=0 and let the proxy redirect.
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    if env_bool("SECURE_PROXY_SSL_HEADER", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# A wizard step posts about ten fields per row: Django's default limit of 1,000 fields refused (400) the
# actors step of a partnership with a hundred organisations taking part (issue #19, bench/wizard.py at 3×).
DATA_UPLOAD_MAX_NUMBER_FIELDS = env_int("DATA_UPLOAD_MAX_NUMBER_FIELDS", 5000)

# One handler, on the root logger: each line is printed once. Django's own default configuration gives the
# "django" logger a console handler too (and mail_admins), and "django" also passes its records on to the
# root, so every Django line was printed twice; configuring "django" without handlers removes them (dictConfig
# replaces a configured logger's handlers). "django.server" (runserver's request lines) keeps Django's own
# handler. A 4xx response (400, 403, 404, 405, 409 …) is logged as one line at WARNING without its traceback
# (smp.logfilters); a 5xx keeps it. https://docs.djangoproject.com/en/5.2/topics/logging/
LOG_LEVEL = env_str("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"client_error_without_traceback": {"()": "smp.logfilters.ClientErrorWithoutTraceback"}},
    "formatters": {"line": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "line",
            "filters": ["client_error_without_traceback"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {"django": {"handlers": [], "level": LOG_LEVEL, "propagate": True}},
}

#
# Rule thresholds the sources do not give (SMP-DOMAIN §0.2 [product default])
#
SMP_RULES: dict = {}
# Entering stage `agreement` requires an approved review of the current version (SMP-DOMAIN §5 "Stage changes").
SMP_REVIEW_GATES = env_bool("SMP_REVIEW_GATES", False)
# Days after a reporting period's last day before it counts as overdue (reminder, dashboard) [product default 0:
# the day after the period ends]. docs/review.md "Reporting reminders".
MONITORING_REPORT_GRACE_DAYS = env_int("MONITORING_REPORT_GRACE_DAYS", 0)
if MONITORING_REPORT_GRACE_DAYS < 0:
    raise ImproperlyConfigured(f"MONITORING_REPORT_GRACE_DAYS must be 0 or more, got {MONITORING_REPORT_GRACE_DAYS}")

# Kosovo takes part in demo schemes (SMP-DOMAIN §10.3); ISO 3166 has no code, XK is the agreed user-assigned one.
COUNTRIES_OVERRIDE = {"XK": _("Kosovo")}

# --- REST API (api app) ---
# DRF (https://www.django-rest-framework.org/api-guide/settings/) and drf-spectacular
# (https://drf-spectacular.readthedocs.io/en/latest/settings.html); docs/api.md describes the API.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.IsAuthenticatedApiUser"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "api.filters.StableOrderingFilter",
        "rest_framework.filters.SearchFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.ApiPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.ApiAnonThrottle", "api.throttling.ApiUserThrottle"],
    "DEFAULT_PARSER_CLASSES": ["api.parsers.ApiJSONParser"],  # size, depth and control-character limits
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "EXCEPTION_HANDLER": "api.exceptions.api_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "api.schema.ApiAutoSchema",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
# Requests per client; read at each request by api.throttling (so they can change without a restart of DRF).
API_THROTTLE_RATES = {
    "anon": env_str("API_THROTTLE_ANON", "60/minute"),
    "user": env_str("API_THROTTLE_USER", "1200/minute"),
    "feasibility_run": env_str("API_THROTTLE_FEASIBILITY_RUN", "30/minute"),
    # Requests with a missing or wrong key per client address; over it even a good key waits (docs/security.md).
    "auth_failure": env_str("API_THROTTLE_AUTH_FAILURE", "30/minute"),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "SMP Platform API",
    "DESCRIPTION": (
        "REST API for partners of Skills Mobility Partnerships: partnerships and their rows, costs and shares, "
        "recruitment, the rule catalogue and feasibility runs. A client sees only the partnerships its "
        'organisation takes part in (others are 404). Errors: {"error": {"code", "message", "fields"}}.'
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SORT_OPERATIONS": False,
    # Each enum component lists its codes with their labels ("* `g2g_agreement` - Government-to-government …").
    "ENUM_GENERATE_CHOICE_DESCRIPTION": True,
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "api.schema.label_enums"],
    # One schema component per shared code list instead of one per field that uses it.
    "ENUM_NAME_OVERRIDES": {
        "CurrencyEnum": "smp.fields.CURRENCY_CHOICES",
        "LanguageEnum": "smp.fields.LANGUAGE_CHOICES",
        "AgreementDraftStatusEnum": "codelists.reviews.BriefStatus",
        "StageEnum": "codelists.partnerships.Stage",
        "ReviewStatusEnum": "codelists.partnerships.ReviewStatus",
        "PathwayStepKindEnum": "codelists.partnerships.PathwayStepKind",
        "SkillLevelEnum": "codelists.partnerships.SkillLevel",
        "SideEnum": "codelists.partnerships.Side",
        "PhaseEnum": "codelists.partnerships.Phase",
        "CollectionPointEnum": "codelists.partnerships.CollectionPoint",
        "SectorCodeEnum": "codelists.skills.SectorCode",
        "PayerEnum": "codelists.costs.Payer",
        "PermitKindEnum": "codelists.partnerships.PermitKind",
        "VisibilityEnum": "codelists.partnerships.Visibility",
        "CountryEnum": "django_countries.countries",
        "SustainabilityMechanismEnum": "codelists.costs.SustainabilityMechanism",
    },
}

# --- Security: shared cache, login lockout, CSP, Permissions-Policy (docs/security.md) ---
# CACHE_URL=redis://host:6379/2 shares throttle counts across gunicorn workers and hosts; without it each
# process keeps its own local-memory cache (fine for one process, useless as a limit for several).
CACHES = {"default": cache_config(env_str("CACHE_URL"), env_str("CACHE_KEY_PREFIX"))}
# Addresses of clients: REMOTE_ADDR unless the app runs behind this many proxies that append to
# X-Forwarded-For (then the address the outermost trusted proxy saw). Used by every per-address limit.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
REST_FRAMEWORK["NUM_PROXIES"] = TRUSTED_PROXY_COUNT
# django-axes (https://django-axes.readthedocs.io/en/latest/4_configuration.html): 5 failed passwords for one
# username from one address lock that pair out for 15 minutes; an admin unlocks in "Axes › Access attempts".
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"  # registration/locked_out.html, status 429
AXES_CLIENT_IP_CALLABLE = "smp.net.client_address"
AXES_USERNAME_FORM_FIELD = "username"
# Invitations and password reset: requests per client address and per target email (smp.ratelimit).
ACCOUNT_RATE_LIMITS = {
    "invitation_address": env_str("INVITATION_RATE_ADDRESS", "20/hour"),
    "invitation_email": env_str("INVITATION_RATE_EMAIL", "3/hour"),
    "password_reset_address": env_str("PASSWORD_RESET_RATE_ADDRESS", "10/hour"),
    "password_reset_email": env_str("PASSWORD_RESET_RATE_EMAIL", "3/hour"),
}
INVITATION_VALID_DAYS = env_int("INVITATION_VALID_DAYS", 7)
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # a reset link works for one day (Django's default is three)
# django-csp 4 (https://django-csp.readthedocs.io/en/latest/configuration.html): only our own scripts,
# styles, images and fonts; no inline script or style anywhere (templates load static files instead).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # Bootstrap draws its icons (select arrow, close button, toggler) as data: SVG in its stylesheet.
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Browser features the platform never uses, switched off for every page (smp.middleware).
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "camera": [],
    "display-capture": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "usb": [],
    "browsing-topics": [],
}
