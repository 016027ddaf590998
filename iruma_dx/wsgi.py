"""WSGI entry point: ``gunicorn iruma_dx.wsgi``."""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iruma_dx.settings")

application = get_wsgi_application()

# What start-up made lives as long as the server process: Django, the
# settings, the portal's modules, views and URLs. Frozen (gc.freeze), those
# objects are no longer walked by every full garbage collection, which on
# the 2-core VM took 50-80 ms, paid by whichever request happened to set it
# off. The URLs are loaded first, so that every view is imported and frozen.
get_resolver().url_patterns  # noqa: B018
gc.collect()
gc.freeze()
