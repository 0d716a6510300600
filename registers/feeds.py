"""Atom feeds of newly published entries, one per register, honouring the list's filters so
that ``/projects/feed/?theme=smart-cards`` follows just that slice of the register."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from .pagecache import serve_shared


class RegisterFeed(Feed):
    feed_type = Atom1Feed
    model = None
    filterset_class = None
    list_url_name = ""
    items_shown = 50

    def __call__(self, request, *args, **kwargs):
        # The same for every visitor of a class: kept in the shared page cache.
        parent = super().__call__
        return serve_shared(request, lambda: parent(request, *args, **kwargs))

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return None

    def link(self):
        return reverse(self.list_url_name)

    def items(self):
        filterset = self.filterset_class(
            self.request.GET,
            # The list's own queryset: its filters may use what it annotates.
            queryset=self.model.objects.visible_to(self.request.user).for_list(),
            request=self.request,
        )
        return filterset.qs.order_by("-published_at", "-pk")[: self.items_shown]

    def item_title(self, item):
        return item.title

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at
