from django.apps import AppConfig


class JointWorkConfig(AppConfig):
    """Joint working across the registers (floor 4): who works with whom, the sector and
    gap matrices, and what an organisation could join."""

    name = "jointwork"
    verbose_name = "Joint work"
    # After ``manage.py seed_bulk`` has written rows without signals: count the map again.
    after_bulk_seed = "jointwork.summary.rebuild_after_bulk_seed"

    def ready(self):
        from registers.merge import after_merge

        from . import summary

        summary.connect()
        after_merge(summary.recount_after_merge)
