from registers.feeds import RegisterFeed

from .filters import ProductFilterSet
from .models import Product


class NewProductsFeed(RegisterFeed):
    model = Product
    filterset_class = ProductFilterSet
    list_url_name = "products:list"
    title = "LondonConnects: new products"
    description = "Reusable products of London's e-government projects, newly listed."

    def item_description(self, item):
        return item.summary
