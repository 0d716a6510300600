from registers.feeds import RegisterFeed

from .filters import PaperFilterSet
from .models import Paper


class NewPapersFeed(RegisterFeed):
    model = Paper
    filterset_class = PaperFilterSet
    list_url_name = "papers:list"
    title = "LondonConnects: new papers"
    description = "Papers newly added to the LondonConnects library."

    def item_description(self, item):
        return item.summary
