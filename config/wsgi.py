"""WSGI entry point: `gunicorn config.wsgi`."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()

# Every view module (and pandas and plotly with the dashboards) is imported now, as the worker
# starts, rather than inside its first request. What loading made lives as long as the worker,
# so it is kept out of garbage collection: the full collections that land on a request scan
# only what requests made.
from django.urls import get_resolver  # noqa: E402

get_resolver().url_patterns  # noqa: B018
gc.freeze()
