"""The papers library: group papers, Business/IT strategies, research, guidance and minutes.

Files live in the "papers" storage (local disk, or S3-compatible storage by a setting) under
random names; the public never gets a storage URL, only ``/papers/<slug>/download/``, which
checks who is asking. The words in each file feed the search index, which everyone searches:
so only a public paper's words go into it (every paper's title and summary do).
"""

import uuid

from django.core.files.storage import storages
from django.db import models
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from partners.models import Group, Organisation
from registers.models import RegisterEntry, RegisterQuerySet, ThemesHistory, TracksStoredValue
from registers.storage import note_stored

from . import files


def papers_storage():
    return storages["papers"]


def paper_file_name(paper, filename: str) -> str:
    """A name that cannot collide or be guessed: nothing of the title or the upload's name
    (nor its extension: the type is judged from the content, and kept in ``file_type``)."""
    return f"{timezone.now():%Y}/{uuid.uuid4().hex}"


class PaperKind(models.TextChoices):
    GROUP_PAPER = "group-paper", "Group paper"
    STRATEGY = "strategy", "Business/IT strategy"
    RESEARCH = "research", "Research"
    GUIDANCE = "guidance", "Guidance"
    MINUTES = "minutes", "Minutes"


class Visibility(models.TextChoices):
    PUBLIC = "public", "Everyone"
    PARTNERS = "partners", "Signed-in partners only"


class PaperQuerySet(RegisterQuerySet):
    def with_year(self):
        return self.annotate(year=ExtractYear("date"))

    def for_list(self):
        return (
            self.with_year()
            .select_related("organisation", "group")
            .prefetch_related("tags")
            .defer("full_text", "public_text")
        )

    def for_detail(self):
        return (
            self.select_related("organisation", "group")
            .prefetch_related("tags")
            .defer("full_text", "public_text")
        )

    def for_pages(self):
        """For the short lists on organisation and group pages: never the words."""
        return self.published().defer("full_text", "public_text")

    def for_export(self):
        return self.for_list()


class Paper(TracksStoredValue, RegisterEntry):
    kind = models.CharField(max_length=20, choices=PaperKind.choices)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="papers",
        help_text="The partner that publishes the paper and keeps this entry.",
    )
    group = models.ForeignKey(
        Group,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="papers",
        help_text="The group whose paper it is, if any.",
    )
    date = models.DateField("date of the paper")
    summary = models.TextField(max_length=1000)
    tags = TaggableManager("themes", through="PaperTheme", blank=True)
    visibility = models.CharField(
        "who may download it",
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
    )
    file = models.FileField(storage=papers_storage, upload_to=paper_file_name, max_length=300)
    file_type = models.CharField(max_length=10, editable=False)
    file_size = models.PositiveBigIntegerField(default=0, editable=False)
    original_name = models.CharField(max_length=255, blank=True, editable=False)
    full_text = models.TextField(blank=True, editable=False)
    # What the public search index may hold of the file's words: all of a public paper's,
    # none of a partners-only one's.
    public_text = models.TextField(blank=True, editable=False)
    text_error = models.CharField(
        "text extraction problem", max_length=300, blank=True, editable=False
    )
    download_count = models.PositiveIntegerField(default=0, editable=False)
    tracked_field = "file"  # a new file is identified and read on save
    # Each version keeps its file name, so an earlier file stays downloadable by editors;
    # counts and the extracted text are derived, not edits.
    history = HistoricalRecords(
        bases=[ThemesHistory], excluded_fields=["full_text", "public_text", "download_count"]
    )

    owner_field = "organisation"
    search_document = (
        ("title", "A"),
        ("summary", "B"),
        ("organisation__name", "B"),
        ("group__name", "B"),
        ("tags__name", "C"),
        ("public_text", "D"),
    )

    objects = PaperQuerySet.as_manager()

    class Meta(RegisterEntry.Meta):
        ordering = ["-date", "title"]

    def get_absolute_url(self):
        return reverse("papers:detail", kwargs={"slug": self.slug})

    def get_download_url(self):
        return reverse("papers:download", kwargs={"slug": self.slug})

    def save(self, *args, **kwargs):
        new_upload = self.file and not self.file._committed
        if new_upload or self.file.name != self.stored_value():
            self.read_file()
        self.public_text = self.full_text if self.visibility == Visibility.PUBLIC else ""
        try:
            super().save(*args, **kwargs)  # stores a new upload first, then writes the row
        except BaseException:
            if new_upload and self.file._committed:
                self.file.storage.delete(self.file.name)
            raise
        if new_upload:
            note_stored(self.file.storage, self.file.name)
        self.remember_stored_value(self.file.name)

    def read_file(self):
        """Identify the file and take its words. A failure to read it (a restored version's
        file gone missing) or its words is recorded in ``text_error``, never raised: the
        upload form has already refused files that are not papers."""
        committed = self.file._committed
        try:
            self.file.open("rb")
            file_type = files.identify(self.file)
            self.file_type = file_type.extension
            self.file_size = self.file.size
            self.full_text = files.extract_text(self.file, file_type)
            self.text_error = ""
        except files.FileProblem as problem:
            self.full_text, self.text_error = "", str(problem)[:300]
        except OSError:
            self.full_text, self.text_error = "", "The file could not be found in storage."
        except Exception as error:  # noqa: BLE001 - a paper without words is still a paper
            self.full_text = ""
            self.text_error = f"The words in the file could not be read ({type(error).__name__})."
        finally:
            if committed:
                self.file.close()
            else:
                self.file.seek(0)  # the upload is stored next, from the start

    @property
    def file_type_info(self) -> files.FileType | None:
        return files.TYPES.get(self.file_type)

    @property
    def is_partners_only(self) -> bool:
        return self.visibility == Visibility.PARTNERS

    @property
    def download_name(self) -> str:
        return f"{self.slug}.{self.file_type}"


class PaperTheme(TaggedItemBase):
    content_object = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="theme_items")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="paper_theme_once")
        ]
