import django_filters

from registers.filters import YearFilter

from .models import Topic


class TopicFilterSet(django_filters.FilterSet):
    """A forum's topics, optionally only those started in one year."""

    started_in = YearFilter(label="Started in (year)", queryset_method="started_in")

    class Meta:
        model = Topic
        fields = ["started_in"]
