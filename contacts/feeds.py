from registers.feeds import RegisterFeed

from .filters import ContactFilterSet
from .models import Contact


class NewContactsFeed(RegisterFeed):
    model = Contact
    filterset_class = ContactFilterSet
    list_url_name = "contacts:list"
    title = "LondonConnects: new contacts"
    description = "People newly listed in the LondonConnects contacts register."

    def item_description(self, item):
        # Name, role and organisation only: never a personal detail, whatever the consent.
        return " · ".join(part for part in (item.job_title, item.organisation.name) if part)
