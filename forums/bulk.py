"""Plausible discussions in bulk, for benchmarks:
``manage.py seed_bulk --topics N --posts-per-topic M``. Bulk topics (their subjects start
with PREFIX) replace the previous bulk topics; the demo discussions are left alone."""

import datetime
import random

from django.contrib.auth import get_user_model
from django.db import transaction

from partners.demo_data import THEMES
from registers import markup
from registers.bulk import analyze

from . import services
from .models import Forum, ModerationAction, Post, Report, Subscription, Topic, TopicRead

PREFIX = "Bulk topic "
OPENINGS = [
    "How are other partners handling **{theme}**?",
    "We are about to procure for {theme}: lessons, please.",
    "A shared approach to {theme} across the sub-region?",
]
REPLIES = [
    "We tried this last year; happy to share our *business case*.",
    "Agreed. The key is a common specification before anyone buys.",
    "Our experience was mixed: see the evaluation in the papers library.",
    "Could this go to the steering group for a decision?",
]


def seed_topics(count: int, posts_per_topic: int = 10, *, seed: int = 2002) -> int:
    rng = random.Random(seed)
    forums = list(Forum.objects.all())
    authors = list(
        get_user_model().objects.filter(membership__isnull=False).values_list("pk", flat=True)
    )
    if not forums or not authors:
        raise ValueError("Load the demo data first: bulk topics need forums and partners.")
    rendered = {text: markup.render(text) for text in REPLIES}
    start = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=365)
    with transaction.atomic():
        remove_bulk_topics()
        topics = Topic.objects.bulk_create(
            Topic(
                forum=rng.choice(forums),
                subject=f"{PREFIX}{number}: {rng.choice(THEMES)}",
                author_id=rng.choice(authors),
                created_at=start + datetime.timedelta(minutes=number),
            )
            for number in range(count)
        )
        posts = []
        for topic in topics:
            opening = rng.choice(OPENINGS).format(theme=rng.choice(THEMES))
            for index in range(posts_per_topic):
                body = opening if index == 0 else rng.choice(REPLIES)
                posts.append(
                    Post(
                        topic=topic,
                        author_id=topic.author_id if index == 0 else rng.choice(authors),
                        body=body,
                        body_html=rendered.get(body) or markup.render(body),
                        created_at=topic.created_at + datetime.timedelta(minutes=5 * index),
                    )
                )
        Post.objects.bulk_create(posts, batch_size=5000)
        last = {}
        for post in posts:
            last[post.topic_id] = post
        for topic in topics:
            topic.reply_count = posts_per_topic - 1
            topic.last_post = last.get(topic.pk)
            topic.last_post_at = topic.last_post.created_at if topic.last_post else topic.created_at
        Topic.objects.bulk_update(
            topics, ["reply_count", "last_post", "last_post_at"], batch_size=5000
        )
        bulk = Topic.objects.filter(subject__startswith=PREFIX)
        bulk.refresh_search_vector()
        Post.objects.filter(topic__in=bulk).refresh_search_vector()
        for forum in forums:
            any_topic = Topic.objects.filter(forum=forum).first()
            if any_topic is not None:
                services.refresh_counts(any_topic)
    analyze([Topic, Post])
    return count


def remove_bulk_topics() -> None:
    bulk = Topic.objects.filter(subject__startswith=PREFIX)
    for model in (ModerationAction, Report, Subscription, TopicRead):
        field = "post__topic__in" if model is Report else "topic__in"
        model.objects.filter(**{field: bulk}).delete()
    Forum.objects.filter(last_post__topic__in=bulk).update(last_post=None)
    bulk.update(last_post=None)
    Post.objects.filter(topic__in=bulk)._raw_delete(Post.objects.db)
    bulk._raw_delete(Topic.objects.db)
