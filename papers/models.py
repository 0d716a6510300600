"""The papers library: group papers, Business/IT strategies, research, guidance and minutes.

Files live in the "papers" storage (local disk, or S3-compatible storage by a setting) under
random names; the public never gets a storage URL, only ``/papers/<slug>/download/``, which
checks who is asking. The words in each file feed the search index, which everyone searches:
so only a public paper's words go into it (every paper's title and summary do).

An upload is stored at once and its words are read afterwards, by a background task
(``papers.tasks``): until then, or if they cannot be read, the paper is found by its title
and summary, and ``text_status`` says why.
"""

import uuid

from django.core.files.storage import storages
from django.db import models, transaction
from django.db.models import Case, Value, When
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils import timezone
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from partners.models import Group, Organisation
from registers.history import RegisterHistory
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


class TextStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be read"
    EXTRACTED = "extracted", "Read"
    FAILED = "failed", "Failed"
    TOO_LARGE = "too-large", "Too large"
    TIMED_OUT = "timed-out", "Timed out"


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

    def store_text(self, *, status: str, text: str = "", error: str = "") -> int:
        """Record what reading these papers' file gave. Only a public paper's words go into
        the public text, as the paper is at this moment: the visibility is read in the same
        statement that writes the words."""
        return self.update(
            text_status=status,
            full_text=text,
            public_text=Case(
                When(visibility=Visibility.PUBLIC, then=Value(text)),
                default=Value(""),
                output_field=models.TextField(),
            ),
            text_error=error[:300],
        )


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
    text_status = models.CharField(
        "text for search",
        max_length=10,
        choices=TextStatus.choices,
        default=TextStatus.PENDING,
        editable=False,
    )
    text_error = models.CharField(
        "text extraction problem", max_length=300, blank=True, editable=False
    )
    download_count = models.PositiveIntegerField(default=0, editable=False)
    tracked_field = "file"  # a new file is identified on save, and its words read after
    # Each version keeps its file name, so an earlier file stays downloadable by editors;
    # counts and the extracted text are derived, not edits.
    history = RegisterHistory(
        bases=[ThemesHistory],
        excluded_fields=[
            "full_text",
            "public_text",
            "text_status",
            "text_error",
            "download_count",
        ],
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
        # The list's default order (newest first) over what the public sees.
        indexes = [
            models.Index(
                fields=["-date", "title", "id"],
                condition=models.Q(publication_status="published"),
                name="paper_published_newest",
            )
        ]

    def get_absolute_url(self):
        return reverse("papers:detail", kwargs={"slug": self.slug})

    def get_download_url(self):
        return reverse("papers:download", kwargs={"slug": self.slug})

    def save(self, *args, **kwargs):
        new_upload = bool(self.file) and not self.file._committed
        new_file = new_upload or self.file.name != self.stored_value()
        try:
            with transaction.atomic():
                if new_file:
                    self.take_file()
                else:
                    self.keep_text()
                self.public_text = self.full_text if self.visibility == Visibility.PUBLIC else ""
                super().save(*args, **kwargs)  # stores a new upload first, then writes the row
        except BaseException:
            if new_upload and self.file._committed:
                self.file.storage.delete(self.file.name)
            raise
        if new_upload:
            note_stored(self.file.storage, self.file.name)
        self.remember_stored_value(self.file.name)
        if new_file and self.text_status == TextStatus.PENDING:
            # Imported here: papers.tasks imports this module.
            from .tasks import extract_text_after_commit

            extract_text_after_commit(self.pk, self.file.name)

    def take_file(self):
        """Identify a new file by a sniff of its content; its words are read after the
        commit, in the background. A file that cannot be identified (a restored version's
        file gone missing) is recorded in ``text_error``, never raised: the upload form has
        already refused files that are not papers."""
        committed = self.file._committed
        self.full_text, self.text_status, self.text_error = "", TextStatus.PENDING, ""
        try:
            self.file.open("rb")
            self.file_type = files.identify(self.file).extension
            self.file_size = self.file.size
        except files.FileProblem as problem:
            self.text_status, self.text_error = TextStatus.FAILED, str(problem)[:300]
        except OSError:
            self.text_status = TextStatus.FAILED
            self.text_error = "The file could not be found in storage."
        except Exception as error:  # noqa: BLE001 - a paper without words is still a paper
            self.text_status = TextStatus.FAILED
            self.text_error = f"The file could not be read ({type(error).__name__})."
        finally:
            if committed:
                self.file.close()
            else:
                self.file.seek(0)  # the upload is stored next, from the start

    def keep_text(self):
        """The words are the background task's to write: a save of the same file keeps what
        the task stored, even if it finished after this instance was loaded (or the instance
        is a restored version, which never holds them). The row stays locked until the save
        commits, so the task's write comes wholly before or after it."""
        stored = (
            type(self)
            ._default_manager.filter(pk=self.pk)
            .select_for_update()
            .values("full_text", "text_status", "text_error")
            .first()
        )
        if stored is not None:
            self.full_text = stored["full_text"]
            self.text_status = stored["text_status"]
            self.text_error = stored["text_error"]

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
