"""Keep each register's stored search document current.

The document is derived data in the same database, so it is refreshed inside the writing
transaction (not on commit): a search can never see an entry whose vector is stale.
"""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_save
from taggit.managers import TaggableManager

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
        if not issubclass(model, RegisterEntry):
            continue
        label = model._meta.label
        post_save.connect(refresh_entry_vector, sender=model, dispatch_uid=f"search-{label}")
        for field in model._meta.get_fields():
            if isinstance(field, TaggableManager):
                m2m_changed.connect(
                    refresh_after_tagging,
                    sender=field.remote_field.through,
                    dispatch_uid=f"search-tags-{label}",
                )
