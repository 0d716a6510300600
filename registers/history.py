"""Edit history (django-simple-history), with one fix every register needs."""

from simple_history.models import HistoricalRecords


class RegisterHistory(HistoricalRecords):
    """HistoricalRecords that survives a many-to-many change made from the other side.

    ``fund.funded_projects.add(project)`` changes ``Project.funding_sources``; simple-history
    would then build a *project* history row out of the fund, which fails when the fund's
    history leaves fields out. Record a version of each project changed instead.
    """

    def m2m_changed(self, instance, action, attr, pk_set, reverse, model=None, **kwargs):
        if not reverse:
            return super().m2m_changed(instance, action, attr, pk_set, reverse, **kwargs)
        if action in ("post_add", "post_remove") and pk_set:
            for entry in model._default_manager.filter(pk__in=pk_set):
                super().m2m_changed(entry, action, attr, pk_set, False, **kwargs)
        return None
