from django.apps import AppConfig


class ForumsConfig(AppConfig):
    name = "forums"
    verbose_name = "Discussion forums"
    # Its demo consultations, which ``manage.py load_demo`` loads after the demo forums.
    demo_loader = "forums.demo.load_consultations"

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from . import services
        from .models import Forum

        def forget(sender, **kwargs):
            services.forget_moderator_roster()

        def account_saved(sender, instance, update_fields=None, **kwargs):
            services.account_saved(instance, update_fields)

        def roles_held_changed(sender, instance, action, reverse, pk_set, **kwargs):
            if action.startswith("post_"):
                services.roles_changed(roles=[instance.pk] if reverse else pk_set)

        user = get_user_model()
        # Who moderates: roles held, their permissions, one's own permissions, forums' lists.
        m2m_changed.connect(
            roles_held_changed, sender=user.groups.through, weak=False, dispatch_uid="roster-roles"
        )
        for through in (
            user.user_permissions.through,
            Group.permissions.through,
            Forum.moderators.through,
        ):
            m2m_changed.connect(
                forget, sender=through, weak=False, dispatch_uid=f"roster-{through.__name__}"
            )
        post_save.connect(
            account_saved, sender=user, weak=False, dispatch_uid="roster-account-saved"
        )
        for model in (user, Group, Forum):
            post_delete.connect(
                forget, sender=model, weak=False, dispatch_uid=f"roster-{model.__name__}"
            )
