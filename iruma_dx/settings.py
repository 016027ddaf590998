"""Settings for the Iruma DX Portal.

One file; the environment decides. Every value that differs between a
developer's laptop and production comes from an environment variable (or a
``.env`` file beside ``manage.py``); see ``.env.example`` for the list.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").exists():
    # Real environment variables win over the file.
    env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. With DEBUG off the portal needs a secret key: "
            "set SECRET_KEY in the environment or in .env (see .env.example). "
            'Generate one with: python -c "import secrets; '
            'print(secrets.token_urlsafe(50))"'
        )
    SECRET_KEY = "django-insecure-development-only-key"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

MUNICIPALITY_NAME = env.str("MUNICIPALITY_NAME", default="入間市")
# The licence stated in the annual report's open data: CC-BY-4.0 (Creative
# Commons Attribution 4.0) or PDL-1.0 (公共データ利用規約 第1.0版).
OPEN_DATA_LICENCE = env.str("OPEN_DATA_LICENCE", default="CC-BY-4.0")
if OPEN_DATA_LICENCE not in ("CC-BY-4.0", "PDL-1.0"):
    raise ImproperlyConfigured(
        f"OPEN_DATA_LICENCE is {OPEN_DATA_LICENCE!r}: use CC-BY-4.0 or PDL-1.0."
    )
# How pages, notices and e-mails show dates: "era" (令和8年12月20日（日）, as
# city documents write them) or "western" (2026年12月20日（日）). Files for
# machines (CSV, JSON, xlsx cells) keep ISO dates whatever this says.
DATE_STYLE = env.str("DATE_STYLE", default="era")
if DATE_STYLE not in ("era", "western"):
    raise ImproperlyConfigured(f"DATE_STYLE is {DATE_STYLE!r}: use era or western.")
# Where people open the portal; links in e-mails start with it.
PORTAL_URL = env.str("PORTAL_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "whitenoise.runserver_nostatic",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "simple_history",
    # django-axes, with a Japanese name in the admin.
    "iruma_dx.axes_config.AxesConfig",
    "iruma_dx",
    "glossary",
    "initiatives",
    "evaluation",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "iruma_dx.middleware.JapaneseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "iruma_dx.middleware.SessionLimitMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "iruma_dx.middleware.ContentSecurityPolicyMiddleware",
    # Last, as django-axes asks: it turns a lockout into its response.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out user name before the password
    # is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Sign-in against the office directory (LDAP, Active Directory) when LDAP_URL
# names a server; local accounts (the admin, the demo) keep working beside it.
# Unset, nothing here imports python-ldap, an optional extra.
LDAP_URL = env.str("LDAP_URL", default="")
if LDAP_URL:
    from iruma_dx.directory import DIRECTORY_BACKEND, directory_settings

    vars().update(
        directory_settings(
            url=LDAP_URL,
            bind_dn=env.str("LDAP_BIND_DN", default=""),
            # As it is: django-environ would read a value that starts with
            # "$" as the name of another variable, and a password may.
            bind_password=env.ENVIRON.get("LDAP_BIND_PASSWORD", ""),
            user_search_base=env.str("LDAP_USER_SEARCH_BASE", default=""),
            user_filter=env.str("LDAP_USER_FILTER", default="(uid=%(user)s)"),
            start_tls=env.bool("LDAP_START_TLS", default=False),
            require_group=env.str("LDAP_REQUIRE_GROUP", default=""),
            dx_office_group=env.str("LDAP_DX_OFFICE_GROUP", default=""),
            attr_name=env.str("LDAP_ATTR_NAME", default="cn"),
            attr_email=env.str("LDAP_ATTR_EMAIL", default="mail"),
            attr_department_code=env.str("LDAP_ATTR_DEPARTMENT_CODE", default=""),
            attr_section_code=env.str("LDAP_ATTR_SECTION_CODE", default=""),
        )
    )
    # After ModelBackend: a local account signs in without asking the directory.
    AUTHENTICATION_BACKENDS.append(DIRECTORY_BACKEND)

ROOT_URLCONF = "iruma_dx.urls"
WSGI_APPLICATION = "iruma_dx.wsgi.application"

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
                "iruma_dx.context_processors.portal",
            ],
        },
    },
]

# SQLite file in the project unless DATABASE_URL says otherwise, e.g.
# postgres://iruma_dx@127.0.0.1:5432/iruma_dx
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # Let the demo server's threads (and a test's live server) write
        # without "database is locked".
        "init_command": "PRAGMA journal_mode=WAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # On disk rather than in memory, so that the browser tests' live server
    # thread has a connection (and transactions) of its own.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "test-db.sqlite3")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# A request that fails half-way leaves the database as it was.
DATABASES["default"]["ATOMIC_REQUESTS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTH_USER_MODEL = "initiatives.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"

# Language: Japanese first. English only when someone picks it in the switch
# (the browser's Accept-Language is deliberately not consulted).
LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", "日本語"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Tokyo"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# E-mail, e.g. smtp://user:password@mail.example.lg.jp:587 or consolemail://
vars().update(
    env.email_url(
        "EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25"
    )
)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="dx-portal@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Sessions: a working day at most, and they end when left idle.
SESSION_ABSOLUTE_SECONDS = 8 * 60 * 60
SESSION_IDLE_SECONDS = env.int("SESSION_IDLE_MINUTES", default=60) * 60
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_SECONDS
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Security. HTTPS is on by default outside development; set HTTPS=false only
# where TLS really is absent (tests, a laptop).
HTTPS = env.bool("HTTPS", default=not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
# Load balancers probe health over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool(
    "SECURE_HSTS_INCLUDE_SUBDOMAINS", default=HTTPS
)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=HTTPS)
BEHIND_PROXY = env.bool("BEHIND_PROXY", default=False)
if BEHIND_PROXY:
    # nginx terminates TLS and says so in X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# No inline scripts or styles anywhere: everything comes from our own files.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
# Django 5.2's admin still writes a few style="" attributes.
CONTENT_SECURITY_POLICY_ADMIN = CONTENT_SECURITY_POLICY.replace(
    "style-src 'self'", "style-src 'self' 'unsafe-inline'"
)

# Login protection (django-axes): repeated failures lock the user name, not the
# address, so one person's typos never lock out a whole office behind one NAT.
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=15))
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True  # every failed sign-in: time, name, address
AXES_LOCKOUT_CALLABLE = "iruma_dx.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "iruma_dx.views.client_ip"
AXES_VERBOSE = False
# axes warns that locking by user name alone lets one address try many names.
# Locking by address would lock a whole city office behind its one NAT address
# after five typos; the password validators make guessing across names costly.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # django-axes logs every sign-in at INFO; its records are in the database.
    "loggers": {
        "axes": {"level": "WARNING"},
        # WeasyPrint logs each step of every PDF at INFO.
        "weasyprint": {"level": "WARNING"},
    },
}
