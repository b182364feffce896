"""Randnotiz settings: one module, driven by environment variables.

Embedded default: SQLite (WAL) and tasks run in-process. Scale path: DATABASE_URL for PostgreSQL,
RANDNOTIZ_TASKS=database for the django-tasks-db queue worked by `manage.py db_worker`.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

PRODUCTION = env_bool("PRODUCTION", default=False)
DEBUG = env_bool("DEBUG", default=not PRODUCTION)
# Outside production a fixed development key keeps `make run` to one command; production refuses
# to start without a real one (see the end of this module).
SECRET_KEY = env_str("SECRET_KEY", "" if PRODUCTION else "dev-only-insecure-key-not-for-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tasks_db",
    "axes",
    "core",
    "lexicon",
    "glossary",
    "reader",
    "classroom",
    "accounts",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as axes asks: it turns a login that authenticate() refused as locked out into the
    # lockout page.
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
                # The nonce the admin's templates put on their <style> and <script> elements.
                "django.template.context_processors.csp",
                "config.context_processors.navigation",
            ],
        },
    },
]

# --- Content-Security-Policy ------------------------------------------------------------------
# On in every mode, so development and the browser tests (tests/test_browser_csp.py) see what
# production does. Only our own files run and style the page: no inline script, handler or
# style attribute (confirmations are data-confirm, static/js/confirm.js; htmx is told not to add
# its indicator <style>, base.html). The nonce appears in the header only on pages that use it:
# the admin's templates put it on their own elements; ours never need it.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# --- Database ---------------------------------------------------------------------------------
SQLITE_PATH = Path(env_str("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")))
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{SQLITE_PATH}"),
        conn_max_age=env_int("CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside one writer; IMMEDIATE takes the write lock at BEGIN so two
    # writers queue on busy_timeout instead of failing with "database is locked" mid-transaction.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # Connections are kept like PostgreSQL's (CONN_MAX_AGE above): opening one and running the
    # PRAGMAs cost ~1.2 ms, a quarter of a cached article page (bench/load.py).
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Parameters bound on the server let psycopg prepare the queries every page repeats
    # (session, user, article, statuses) after a few uses, so PostgreSQL stops parsing and
    # planning them: it shares the cores with gunicorn in bench/load.py.
    DATABASES["default"].setdefault("OPTIONS", {})["server_side_binding"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Background work -------------------------------------------------------------------------
if env_str("RANDNOTIZ_TASKS", "immediate") == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
else:
    TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
# A run that fails on the database (locked, connection lost) is queued again after
# TASK_RETRY_DELAY seconds, doubled each time, up to TASK_MAX_ATTEMPTS runs
# (core/task_attempts.py).
# A row "running" for longer than TASK_LEASE_MINUTES lost its worker, and one still "pending"
# that long after its task was due lost its task: either is queued again. The longest article
# (200,000 characters, 30,600 tokens) is annotated in 7.3 s on a 2-core machine; keep the lease
# above the longest wait in the queue too (docs/deploy.md).
TASK_MAX_ATTEMPTS = env_int("TASK_MAX_ATTEMPTS", 3)
TASK_RETRY_DELAY = env_int("TASK_RETRY_DELAY", 30)
TASK_LEASE_MINUTES = env_int("TASK_LEASE_MINUTES", 10)

# --- Auth ------------------------------------------------------------------------------------
# Django's database sessions and ModelBackend, each reading with SQL written once per process
# (accounts/sessions.py, accounts/backends.py). Django's own backend stays listed so that
# sessions made before the switch still log their users in.
SESSION_ENGINE = "accounts.sessions"
AUTHENTICATION_BACKENDS = [
    # django-axes first: a locked-out login is refused before any password is compared.
    "accounts.backends.LoginLimitBackend",
    "accounts.backends.ModelBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
# Failed logins are counted by django-axes inside authenticate(), so our login form and the
# admin's are limited alike (accounts/login_limits.py). Two limits, both over a window of
# LOGIN_RATE_WINDOW seconds since the last counted failure:
# - a username from one address: LOGIN_RATE_PER_USER failures lock that pair. A guesser is
#   stopped, and nobody elsewhere can lock a student out of their own account; behind a school's
#   NAT the guessed student is locked out at school too (the address is all we can tell apart).
# - an address alone: LOGIN_RATE_PER_ADDRESS failures lock it for every username, which stops
#   one address trying a few passwords each on many usernames. A school puts hundreds of
#   students behind one NAT address, so this limit is high, and failures that are refused
#   because their pair is already locked are not counted (AXES_RESET_COOL_OFF_ON_FAILURE_
#   DURING_LOCKOUT off): hammering one account cannot lock the school, only trying 300 wrong
#   passwords over at least 30 usernames within the window can (visible in the admin under
#   "Access attempts", cleared by `manage.py axes_reset_ip ADDRESS`). 0 turns it off.
# axes has one limit for all its lockout parameters, so the second is accounts.login_limits's
# handler. A successful login clears only its own pair, never the address's count.
AXES_HANDLER = "accounts.login_limits.LoginAttempts"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]  # in this order
AXES_FAILURE_LIMIT = env_int("LOGIN_RATE_PER_USER", 10)
LOGIN_RATE_PER_ADDRESS = env_int("LOGIN_RATE_PER_ADDRESS", 300)
AXES_COOLOFF_TIME = timedelta(seconds=env_int("LOGIN_RATE_WINDOW", 15 * 60))
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
# Counted as Django's form compares it (NFKC, so a fullwidth look-alike is the same user) and
# case-folded: every spelling that could reach one account shares its counter.
AXES_USERNAME_CALLABLE = "accounts.login_limits.counted_username"
AXES_CLIENT_IP_CALLABLE = "accounts.login_limits.client_address"
AXES_LOCKOUT_CALLABLE = "accounts.login_limits.lockout_response"
# Failures are kept only until their window ends; successful logins are not recorded at all.
AXES_DISABLE_ACCESS_LOG = True
# Behind a proxy set this to HTTP_X_FORWARDED_FOR (the last address, added by our proxy, is used).
RANDNOTIZ_CLIENT_IP_HEADER = env_str("RANDNOTIZ_CLIENT_IP_HEADER", "REMOTE_ADDR")
# Password-reset mail (accounts/reset_limits.py): at most PASSWORD_RESET_PER_EMAIL mails to one
# address and PASSWORD_RESET_PER_CLIENT requests from one client address per
# PASSWORD_RESET_WINDOW seconds. Above either the page says the same "if an account uses that
# address, a link is on its way" and sends nothing, so it reveals nothing. Counted in the
# database cache below, shared by every process and server; its table is made by
# `manage.py createcachetable` (setup and `make serve` run it; the test runner does too).
PASSWORD_RESET_PER_EMAIL = env_int("PASSWORD_RESET_PER_EMAIL", 3)
PASSWORD_RESET_PER_CLIENT = env_int("PASSWORD_RESET_PER_CLIENT", 20)
PASSWORD_RESET_WINDOW = env_int("PASSWORD_RESET_WINDOW", 60 * 60)
CACHES = {
    # Per process: fine for things each process can recompute (rendered reading blocks).
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "shared": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "randnotiz_cache",
    },
}
LOGIN_REDIRECT_URL = "reader:article_list"
LOGOUT_REDIRECT_URL = "reader:article_list"
# Password-reset mails go to the console unless a real mailer is configured; production defaults
# to SMTP (EMAIL_HOST etc.) because `check --deploy` rightly refuses a console mailer there.
if PRODUCTION and not env_str("EMAIL_BACKEND"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": env_str("EMAIL_HOST", "localhost"),
                "port": env_int("EMAIL_PORT", 25),
                "username": env_str("EMAIL_HOST_USER"),
                "password": env_str("EMAIL_HOST_PASSWORD"),
                "use_tls": env_bool("EMAIL_USE_TLS", False),
            },
        }
    }
else:
    MAILERS = {
        "default": {
            "BACKEND": env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
        }
    }
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "randnotiz@localhost")

# --- I18N / static ----------------------------------------------------------------------------
LANGUAGE_CODE = "en"
TIME_ZONE = env_str("TIME_ZONE", "Europe/Berlin")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# collectstatic writes here; env-driven so a deployment (and the tests) can choose the folder.
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
if (BASE_DIR / "node_modules" / "htmx.org" / "dist").is_dir():
    STATICFILES_DIRS.append(("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"))
# Outside production whitenoise serves straight from the finders, so no collectstatic is needed.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION  # and no warning about a missing STATIC_ROOT
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "config.storage.StaticStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# --- Randnotiz -------------------------------------------------------------------------------
RANDNOTIZ_DING_PATH = env_str("RANDNOTIZ_DING", "/usr/share/trans/de-en")
RANDNOTIZ_SEEDS_DIR = BASE_DIR / "seeds"
# Importing an article by its address (classroom/url_import.py): the server fetches it, so
# addresses on loopback, private or link-local networks are refused unless this allows them
# (a single-user install on a home network may; a school's server should not).
RANDNOTIZ_URL_IMPORT_PRIVATE = env_bool("RANDNOTIZ_URL_IMPORT_PRIVATE", False)
# Articles longer than this many characters are annotated in the background.
RANDNOTIZ_MAX_ARTICLE_CHARS = env_int("RANDNOTIZ_MAX_ARTICLE_CHARS", 200_000)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
    # Each task's state changes are logged at INFO, twice in development (Django's own console
    # handler and ours): `make run` printed four lines for the seed's quiz. Failures are
    # logged at ERROR and still show; TASKS_LOG_LEVEL=INFO brings the rest back for a worker.
    "loggers": {"django.tasks": {"level": env_str("TASKS_LOG_LEVEL", "WARNING")}},
}

# --- Production ------------------------------------------------------------------------------
if PRODUCTION:
    if not SECRET_KEY:
        raise RuntimeError("PRODUCTION=1 needs SECRET_KEY in the environment.")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
