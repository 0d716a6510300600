"""Background work the registers share: warming the pages every visitor asks for first.

After a change to register data every cached page and count is stale at once. Left alone, the
first visitors after a publish (and every worker at once) would each recompute the home page
and each register's first page with its facet counts: half a second each on a large register.
Instead, the commit queues ``warm_pages``, which loads those pages once as the public would,
through the whole middleware stack, so both page caches and the shared counts are filled
before most visitors arrive. A burst of changes queues many runs; only the one for the newest
data version does any work.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django_tasks import task

from .cache import data_version
from .context_processors import installed_sections


def warm_paths() -> list[str]:
    """The home page and every installed register's first page."""
    return ["/", *(url for _label, url in installed_sections())]


@task()
def warm_pages(version: int) -> str:
    if data_version() != version:
        return "superseded"  # a newer change has queued its own run
    if not cache.add(f"registers:warmed:{version}", True, 60 * 60):
        return "already warm"
    # The site's own host, and the scheme as the load balancer tells it (the caches' keys
    # include the host; a plain-HTTP request would only be redirected).
    site = urlsplit(settings.SITE_URL)
    visitor = Client(HTTP_HOST=site.netloc, HTTP_X_FORWARDED_PROTO=site.scheme)
    for path in warm_paths():
        visitor.get(path)
    return "warmed"
