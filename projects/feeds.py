from registers.feeds import RegisterFeed

from .filters import ProjectFilterSet
from .models import Project


class NewProjectsFeed(RegisterFeed):
    model = Project
    filterset_class = ProjectFilterSet
    list_url_name = "projects:list"
    title = "LondonConnects: new projects"
    description = "Projects newly published in the LondonConnects project register."

    def item_description(self, item):
        return item.summary
