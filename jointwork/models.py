"""The map of joint work's unfiltered figures, kept current on every write (jointwork.summary).

Counting them from the project rows took seconds at 100,000 projects; these tables hold the
answer, changed in the same transaction as the write that changes it, so that the map's first
request after any change (or with an empty cache) reads a few hundred rows.
"""

from django.db import models


class Figure(models.TextChoices):
    PAIR = "pair", "Organisations sharing published projects"
    SECTORS = "sectors", "Sectors joined by active projects"
    THEME_REGION = "theme-region", "Active projects by theme and sub-region"
    THEME = "theme", "Published projects by theme"


class Tally(models.Model):
    """One number of one figure: how many published projects count for ``(first, second)``.

    - ``pair``: organisation ids, lower first; projects both take part in (lead or partner);
    - ``sectors``: sector ids, lower first, for active projects joining organisations of both;
      a sector with itself: its active projects joining it with any other sector;
    - ``theme-region``: theme (tag) id and sub-region id; active projects carrying both;
    - ``theme``: theme id (``second`` is 0); published projects carrying it.

    A number that falls to nought is deleted: no row means none.
    """

    figure = models.CharField(max_length=20, choices=Figure.choices)
    first = models.PositiveIntegerField()
    second = models.PositiveIntegerField()
    projects = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["figure", "first", "second"], name="jointwork_tally_unique"
            )
        ]
        # An organisation's pairs are read from either side (its id first or second).
        indexes = [models.Index(fields=["figure", "second"], name="jointwork_tally_second")]

    def __str__(self):
        return f"{self.figure} {self.first}-{self.second}: {self.projects}"


class CountedProject(models.Model):
    """What a published project last added to the tallies: its organisations (lead and
    partners) and their sectors, its themes and sub-regions, and whether it was active.
    Recounting a project takes this away and adds what it holds now. A plain id, not a
    foreign key: the row must outlive the project's deletion until the project is recounted.
    The filtered map counts from these rows too."""

    project_id = models.PositiveIntegerField(primary_key=True)
    active = models.BooleanField()
    organisations = models.TextField()  # ids, comma-separated, ascending
    sectors = models.TextField()  # of its organisations when it was counted
    themes = models.TextField(blank=True)
    sub_regions = models.TextField(blank=True)

    def __str__(self):
        return f"project {self.project_id}"


class NetworkLayout(models.Model):
    """The positions of a drawn network, by the network's own digest (its organisations and
    weighted pairs): the same network always gets the same picture, worked out once."""

    digest = models.CharField(max_length=64, unique=True)
    positions = models.JSONField()  # {organisation id: [x, y]}
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.digest
