"""Atom feeds of new posts, for public forums only: a partners-only forum has no feed."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed

from .models import Forum, Post, Topic, Visibility

ITEMS = 50


class _PostFeed(Feed):
    feed_type = Atom1Feed

    def item_title(self, post):
        return f"{post.author.get_full_name() or post.author.get_username()} in “{post.topic}”"

    def item_description(self, post):
        return post.body_html

    def item_pubdate(self, post):
        return post.created_at

    def item_updateddate(self, post):
        return post.edited_at or post.created_at

    def item_author_name(self, post):
        return post.author.get_full_name() or post.author.get_username()


def _public_posts():
    return (
        Post.objects.shown()
        .filter(topic__is_hidden=False, topic__forum__visibility=Visibility.PUBLIC)
        .select_related("author", "topic__forum")
        .order_by("-created_at", "-pk")
    )


class ForumFeed(_PostFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Forum, slug=slug, visibility=Visibility.PUBLIC)

    def title(self, forum):
        return f"LondonConnects forums: {forum.name}"

    def link(self, forum):
        return forum.get_absolute_url()

    def description(self, forum):
        return forum.description

    def items(self, forum):
        return _public_posts().filter(topic__forum=forum)[:ITEMS]


class TopicFeed(_PostFeed):
    def get_object(self, request, slug, topic_id):
        topic = get_object_or_404(
            Topic.objects.select_related("forum"),
            pk=topic_id,
            forum__slug=slug,
            forum__visibility=Visibility.PUBLIC,
        )
        if topic.is_hidden:
            raise Http404
        return topic

    def title(self, topic):
        return f"LondonConnects forums: {topic.subject}"

    def link(self, topic):
        return topic.get_absolute_url()

    def description(self, topic):
        return f"New posts in “{topic.subject}”, in {topic.forum.name}."

    def items(self, topic):
        return _public_posts().filter(topic=topic)[:ITEMS]
