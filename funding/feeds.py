from registers.feeds import RegisterFeed

from .filters import FundingFilterSet
from .models import FundingSource


class NewFundingFeed(RegisterFeed):
    model = FundingSource
    filterset_class = FundingFilterSet
    list_url_name = "funding:list"
    title = "LondonConnects: new funding sources"
    description = "Funding sources newly listed on LondonConnects."

    def item_description(self, item):
        closing = f"Closes {item.closes_on:%d %B %Y}." if item.closes_on else "Rolling programme."
        return f"{item.summary} {closing}"
