"""Keep each register's stored search document current.

The document is derived data in the same database, so it is refreshed inside the writing
transaction (not on commit): a search can never see an entry whose vector is stale.
"""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_save
from taggit.models import TaggedItem

from .models import RegisterEntry


def refresh_entry_vector(sender, instance, raw=False, **kwargs):
    if raw or not isinstance(instance, RegisterEntry):
        return
    type(instance)._default_manager.filter(pk=instance.pk).refresh_search_vector()


def refresh_after_tagging(sender, instance, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"}:
        refresh_entry_vector(sender, instance)


def connect_search_signals():
    for model in apps.get_models():
        if issubclass(model, RegisterEntry):
            post_save.connect(
                refresh_entry_vector, sender=model, dispatch_uid=f"search-{model._meta.label}"
            )
    m2m_changed.connect(refresh_after_tagging, sender=TaggedItem, dispatch_uid="search-tags")
