"""WSGI entry point: ``gunicorn iruma_dx.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iruma_dx.settings")

application = get_wsgi_application()
