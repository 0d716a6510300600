from registers.feeds import RegisterFeed

from .filters import EindexFeedFilterSet
from .models import Link


class NewLinksFeed(RegisterFeed):
    model = Link
    filterset_class = EindexFeedFilterSet
    list_url_name = "eindex:index"
    title = "LondonConnects: new in the e-index"
    description = "Web sites newly added to the LondonConnects e-index."

    def items(self):
        return super().items().select_related("section")

    def item_description(self, item):
        return " ".join(part for part in (item.description, item.url) if part)
