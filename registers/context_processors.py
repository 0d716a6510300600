from functools import cache

from django.urls import NoReverseMatch, reverse

# Every section the site can have, in navigation order; a section appears once its app's URLs
# are installed, so the navigation never shows a register that does not exist yet.
SECTIONS = (
    ("Projects", "projects:list"),
    ("Products", "products:list"),
    ("Contacts", "contacts:list"),
    ("Funding", "funding:list"),
    ("Papers", "papers:list"),
    ("Events", "events:list"),
    ("Forums", "forums:list"),
    ("E-index", "eindex:index"),
    ("Annual reviews", "reviews:list"),
    ("Organisations", "partners:organisations"),
    ("Groups", "partners:groups"),
    ("Joint work", "jointwork:map"),
    ("Search", "search:search"),
)


@cache  # the URLs are fixed once the process has started; every page and hole asks for them
def installed_sections():
    sections = []
    for label, url_name in SECTIONS:
        try:
            sections.append((label, reverse(url_name)))
        except NoReverseMatch:
            continue
    return tuple(sections)


def site_navigation(request):
    path = request.path
    return {
        "site_navigation": [
            {"label": label, "url": url, "active": path.startswith(url)}
            for label, url in installed_sections()
        ]
    }
