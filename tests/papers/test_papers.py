"""The papers library: uploads judged by content, words inside feeding search, downloads that
never leak a partners-only file, earlier files kept for editors."""

import csv
import io
import zipfile
import zlib

import pypdf
import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from papers import files, samples, tasks
from papers.models import Paper, TextStatus
from tests.factories import (
    EditorFactory,
    GroupFactory,
    MemberFactory,
    OrganisationFactory,
    PaperFactory,
    PartnerOfficerFactory,
    UserFactory,
)
from tests.pages import body, query_count

pytestmark = pytest.mark.django_db
LIST = "/papers/"


def xlsx(text):
    return samples._zip(
        {
            "[Content_Types].xml": "<Types/>",
            "xl/workbook.xml": "<workbook/>",
            "xl/sharedStrings.xml": f'<sst xmlns="x"><si><t>{text}</t></si></sst>',
        }
    )


def pptx(text):
    return samples._zip(
        {
            "[Content_Types].xml": "<Types/>",
            "ppt/presentation.xml": "<presentation/>",
            "ppt/slides/slide1.xml": f'<sld xmlns:a="a"><a:t>{text}</a:t></sld>',
        }
    )


GOOD = {
    "pdf": lambda words: samples.pdf("A paper", [words]),
    "docx": lambda words: samples.docx("A paper", [words]),
    "odt": lambda words: samples.odt("A paper", [words]),
    "xlsx": xlsx,
    "pptx": pptx,
    "txt": lambda words: f"A paper\n{words}\n".encode(),
}


def paper_form(organisation, upload, **changes):
    data = {
        "title": "Joint working paper",
        "slug": "",
        "kind": "group-paper",
        "date": "2003-05-01",
        "summary": "What was agreed.",
        "visibility": "public",
        "publication_status": "published",
        "organisation": organisation.pk,
        "group": "",
        "tags": "",
        "file": upload,
    }
    data.update(changes)
    return data


@pytest.fixture
def officer(client, staff_login):
    organisation = OrganisationFactory()
    staff_login(PartnerOfficerFactory(organisation=organisation))
    return organisation


def stored_files():
    storage = Paper._meta.get_field("file").storage
    found = []
    folders, names = storage.listdir("")
    found += names
    for folder in folders:
        found += storage.listdir(folder)[1]
    return found


# -- uploads -------------------------------------------------------------------------------


@pytest.mark.parametrize("extension", sorted(GOOD))
def test_each_accepted_format_is_stored_under_a_random_name_with_its_words(
    client, officer, extension, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("Our Secret Plans.bin", GOOD[extension]("zanzibar procurement"))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:papers_paper_add"), paper_form(officer, upload))

    assert response.status_code == 302, response.context["adminform"].form.errors
    paper = Paper.objects.get()
    assert paper.file_type == extension
    assert "secret" not in paper.file.name.lower() and "joint" not in paper.file.name.lower()
    assert stored_files() == [paper.file.name.rsplit("/", 1)[1]]
    assert paper.text_status == TextStatus.EXTRACTED
    assert "zanzibar procurement" in paper.full_text
    assert paper.organisation == officer


BAD = {
    "empty": (b"", "file is empty"),
    "an image": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 40, "must be a PDF"),
    "a program named .pdf": (b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 40, "must be a PDF"),
    "a corrupt PDF": (b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ngarbage", "PDF is damaged"),
    "a corrupt DOCX": (samples.docx("x", ["y"])[:200], "damaged"),
    "a plain zip": (samples._zip({"notes.txt": "hello"}), "zip archive"),
    "text that is not UTF-8": ("Costs £50".encode("cp1252"), "not in UTF-8"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_each_bad_upload_gets_a_clear_error_and_nothing_is_kept(client, officer, case):
    content, message = BAD[case]
    upload = SimpleUploadedFile("paper.pdf", content, content_type="application/pdf")

    response = client.post(reverse("admin:papers_paper_add"), paper_form(officer, upload))

    assert response.status_code == 200
    assert message in " ".join(response.context["adminform"].form.errors["file"])
    assert not Paper.objects.exists()
    assert stored_files() == []


def test_an_oversized_upload_is_refused(client, officer, settings):
    settings.MAX_UPLOAD_SIZE = 1000
    upload = SimpleUploadedFile("big.pdf", samples.pdf("Big", ["word " * 400]))

    response = client.post(reverse("admin:papers_paper_add"), paper_form(officer, upload))

    assert "the largest allowed is" in " ".join(response.context["adminform"].form.errors["file"])
    assert not Paper.objects.exists()


# Damaged in ways only a parser finds: the upload cannot know, the job does.
UNREADABLE = {
    "a DOCX whose XML is cut short": (
        samples._zip(
            {"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document><unclosed"}
        ),
        "could not be read (ParseError)",
    ),
    "a DOCX with damaged compressed data": (
        samples.docx("x", ["y" * 2000])[:300]
        + b"\x00" * 50
        + samples.docx("x", ["y" * 2000])[350:],
        "The file is damaged",
    ),
    "a PDF with a broken trailer": (
        samples.pdf("x", ["y"]).replace(b"trailer\n<<", b"trailer\n7\x8b"),
        "could not be read",
    ),
}


@pytest.mark.parametrize("case", sorted(UNREADABLE))
def test_a_file_whose_words_cannot_be_read_is_kept_and_the_problem_reported(
    client, officer, case, django_capture_on_commit_callbacks
):
    content, problem = UNREADABLE[case]
    upload = SimpleUploadedFile("odd.bin", content)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:papers_paper_add"), paper_form(officer, upload), follow=True
        )

    assert "read for search in the background" in body(response)
    paper = Paper.objects.get()
    assert paper.text_status == TextStatus.FAILED
    assert paper.full_text == "" and problem in paper.text_error
    assert download(client, paper).status_code == 200
    change_page = body(client.get(reverse("admin:papers_paper_change", args=[paper.pk])))
    assert "Text not extracted: failed" in change_page and problem in change_page


# -- files made to hold a worker ---------------------------------------------------------------
# Each is small to upload and huge to parse. The upload must store it without parsing it; the
# background job must stop within its limits, mark the paper with the reason and keep it
# downloadable.

MB = 1024 * 1024
WORDS = b"BT /F1 11 Tf 56 780 Td (Quagga words) Tj ET\n"
DRAWING = b"123456.7 234567.8 l\n"  # a line: nothing to read, much to parse


def pdf_of(kids: int, content: bytes, *, pages: int | None = None) -> bytes:
    """A PDF whose page tree lists one page object ``kids`` times, its content compressed."""
    packed = zlib.compress(content, 9)
    return samples.pdf_file(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b"3 0 R " * kids, pages or kids),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed)
            + packed
            + b"\nendstream",
            samples.HELVETICA,
        ]
    )


def one_page_of_8_mb_of_drawing():
    return pdf_of(1, WORDS + DRAWING * (8 * MB // len(DRAWING)))


def six_pages_sharing_a_6_mb_stream():
    return pdf_of(6, WORDS + DRAWING * (6 * MB // len(DRAWING)))


def a_hundred_thousand_pages():
    return pdf_of(100_000, WORDS)


def a_docx_of_19_mb_of_unclosed_tags():
    return samples._zip(
        {
            "[Content_Types].xml": "<Types/>",
            "word/document.xml": "<w:document xmlns:w='w'>" + "<w:p>" * (19 * MB // 5),
        }
    )


# (file, its type, the limits the job runs under, what stops it, the reason given)
HOSTILE = {
    "one page of 8 MB of drawing": (
        one_page_of_8_mb_of_drawing,
        "pdf",
        {"PAPER_TEXT_CPU_SECONDS": 1},
        TextStatus.TIMED_OUT,
        "more than the 1 seconds of processing allowed",
    ),
    "six pages sharing a 6 MB stream": (
        six_pages_sharing_a_6_mb_stream,
        "pdf",
        {"PAPER_TEXT_CPU_SECONDS": 1},
        TextStatus.TIMED_OUT,
        "more than the 1 seconds of processing allowed",
    ),
    "100,000 pages": (
        a_hundred_thousand_pages,
        "pdf",
        {"PAPER_TEXT_CPU_SECONDS": 1},
        TextStatus.TIMED_OUT,
        "more than the 1 seconds of processing allowed",
    ),
    "a DOCX of 19 MB of unclosed tags": (
        a_docx_of_19_mb_of_unclosed_tags,
        "docx",
        {"PAPER_TEXT_CPU_SECONDS": 20, "PAPER_TEXT_MEMORY_MB": 256},
        TextStatus.TOO_LARGE,
        "more than the 256 MB of memory allowed",
    ),
    "six pages sharing a 6 MB stream, past the wall-clock limit": (
        six_pages_sharing_a_6_mb_stream,
        "pdf",
        {"PAPER_TEXT_CPU_SECONDS": 60, "PAPER_TEXT_TIMEOUT_SECONDS": 1},
        TextStatus.TIMED_OUT,
        "took more than 1 seconds",
    ),
}


def forbid_parsing(patch, ran: list[str]) -> None:
    """Every way this process could parse a paper records that it ran, and fails."""

    def forbidden(name):
        def parse(*args, **kwargs):
            ran.append(name)
            raise AssertionError(f"{name} ran in this process")

        return parse

    patch.setattr(pypdf, "PdfReader", forbidden("pypdf.PdfReader"))
    patch.setattr(files, "PdfReader", forbidden("pypdf.PdfReader"))
    patch.setattr(files, "extract_text", forbidden("files.extract_text"))
    patch.setattr(files.ElementTree, "iterparse", forbidden("iterparse"))
    patch.setattr(zipfile.ZipFile, "open", forbidden("zipfile.ZipFile.open"))
    patch.setattr(zipfile.ZipFile, "testzip", forbidden("zipfile.ZipFile.testzip"))


@pytest.mark.parametrize("case", list(HOSTILE))
def test_a_file_made_to_hold_a_worker_is_saved_at_once_and_read_within_limits(
    client, officer, case, settings, monkeypatch, django_capture_on_commit_callbacks
):
    make, extension, limits, stopped, reason = HOSTILE[case]
    content = make()
    assert len(content) < 700 * 1024  # small to upload
    upload = SimpleUploadedFile("paper.bin", content)
    ran: list[str] = []

    with monkeypatch.context() as request_time:
        forbid_parsing(request_time, ran)
        request_time.setattr(tasks, "read_words", lambda *args: ran.append("read_words"))
        with django_capture_on_commit_callbacks() as after_commit:
            response = client.post(reverse("admin:papers_paper_add"), paper_form(officer, upload))

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert ran == []  # the request parsed nothing and read no words: it only stored the file
    paper = Paper.objects.get()
    assert (paper.file_type, paper.text_status) == (extension, TextStatus.PENDING)
    assert b"".join(download(client, paper).streaming_content) == content

    for name, value in limits.items():
        setattr(settings, name, value)
    with monkeypatch.context() as job_time:
        forbid_parsing(job_time, ran)  # the task worker does not parse either: its child does
        for callback in after_commit:
            callback()

    assert ran == []
    paper.refresh_from_db()
    assert paper.text_status == stopped
    assert reason in paper.text_error
    assert paper.full_text == "" and paper.public_text == ""
    assert b"".join(download(client, paper).streaming_content) == content
    change_page = body(client.get(reverse("admin:papers_paper_change", args=[paper.pk])))
    label = "too large" if stopped == TextStatus.TOO_LARGE else "timed out"
    assert f"Text not extracted: {label}" in change_page
    changelist = client.get(
        reverse("admin:papers_paper_changelist"), {"text_status__exact": stopped}
    )
    assert list(changelist.context["cl"].queryset) == [paper]


def test_the_words_of_a_long_pdf_stop_at_the_cap_as_it_is_read(monkeypatch):
    monkeypatch.setattr(files, "MAX_TEXT_CHARACTERS", 1000)
    pages_read = []
    read_page = pypdf.PageObject.extract_text

    def counted(page, *args, **kwargs):
        pages_read.append(page)
        return read_page(page, *args, **kwargs)

    monkeypatch.setattr(pypdf.PageObject, "extract_text", counted)

    text = files.extract_text(pdf_of(2000, WORDS), "pdf")

    assert 900 <= len(text) <= 1000 and "Quagga words" in text
    assert len(pages_read) < 100  # of 2,000: reading stopped once it had enough


def test_a_paper_whose_words_were_not_read_is_read_again_from_the_admin(
    client, officer, settings, django_capture_on_commit_callbacks
):
    settings.PAPER_TEXT_TIMEOUT_SECONDS = 0.001  # no child can start in time
    with django_capture_on_commit_callbacks(execute=True):
        ours = PaperFactory(
            organisation=officer,
            file=ContentFile(samples.pdf("t", ["okapi strategy"]), name="a.pdf"),
        )
        theirs = PaperFactory(file=ContentFile(samples.pdf("t", ["okapi plan"]), name="b.pdf"))
    assert {p.text_status for p in Paper.objects.all()} == {TextStatus.TIMED_OUT}
    settings.PAPER_TEXT_TIMEOUT_SECONDS = 60
    changelist = reverse("admin:papers_paper_changelist")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            changelist,
            {"action": "extract_text_again", "_selected_action": [ours.pk, theirs.pk]},
        )

    assert response.status_code == 302
    ours.refresh_from_db()
    theirs.refresh_from_db()
    assert ours.text_status == TextStatus.EXTRACTED and ours.text_error == ""
    assert "okapi strategy" in ours.full_text
    assert [p.title for p in client.get(LIST, {"q": "okapi"}).context["papers"]] == [ours.title]
    # An officer reads again only their organisation's papers.
    assert theirs.text_status == TextStatus.TIMED_OUT and theirs.full_text == ""


def test_an_old_job_never_overwrites_the_words_of_a_newer_file(
    monkeypatch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as first_job:
        paper = PaperFactory(file=ContentFile(samples.pdf("t", ["first draft"]), name="a.pdf"))
    read_words = tasks.read_words

    def a_new_file_arrives_meanwhile(data, extension):
        monkeypatch.setattr(tasks, "read_words", read_words)
        with django_capture_on_commit_callbacks(execute=True):
            paper.file = ContentFile(samples.docx("t", ["final version"]), name="b.docx")
            paper.save()
        return read_words(data, extension)

    monkeypatch.setattr(tasks, "read_words", a_new_file_arrives_meanwhile)
    for callback in first_job:  # the first file's job ends after the second file's
        callback()
    for callback in first_job:  # and one that starts only now reads nothing
        callback()

    paper.refresh_from_db()
    assert "final version" in paper.full_text and "first draft" not in paper.full_text
    assert paper.text_status == TextStatus.EXTRACTED


def test_an_edit_or_a_restore_keeps_the_words_the_job_read(django_capture_on_commit_callbacks):
    from registers.services import restore_version

    with django_capture_on_commit_callbacks() as job:
        paper = PaperFactory(file=ContentFile(samples.pdf("t", ["narwhal budget"]), name="a.pdf"))
    loaded_before_the_job_ended = Paper.objects.get(pk=paper.pk)
    for callback in job:
        callback()

    loaded_before_the_job_ended.summary = "Edited while the words were read."
    loaded_before_the_job_ended.save()
    restore_version(record=paper.history.earliest("history_date"), user=EditorFactory())

    paper.refresh_from_db()
    assert paper.text_status == TextStatus.EXTRACTED and "narwhal budget" in paper.public_text
    assert paper.history.count() == 3  # the upload, the edit, the restore: not the job


# -- search ----------------------------------------------------------------------------------


def test_search_finds_words_inside_public_papers_but_not_partners_only_ones(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        PaperFactory(
            title="Public paper",
            file=ContentFile(samples.docx("t", ["caldicott guardians agreed"]), name="a.docx"),
        )
        PaperFactory(
            title="Private minutes",
            visibility="partners",
            file=ContentFile(samples.pdf("t", ["confidential leisure tender"]), name="b.pdf"),
        )

    def found(q):
        return [p.title for p in client.get(LIST, {"q": q}).context["papers"]]

    assert found("caldicott") == ["Public paper"]
    assert found("leisure tender") == []
    assert found("private minutes") == ["Private minutes"]  # the title is public
    # The stored search document (PostgreSQL) was refreshed by the job, not only the text.
    assert [p.title for p in Paper.objects.search("guardians")] == ["Public paper"]
    assert not Paper.objects.search("confidential").exists()


def test_a_paper_is_found_by_its_title_while_its_words_wait_to_be_read(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as job:
        PaperFactory(
            title="Waiting paper", file=ContentFile(samples.pdf("t", ["gnu words"]), name="a")
        )

    assert [p.title for p in client.get(LIST, {"q": "waiting"}).context["papers"]] == [
        "Waiting paper"
    ]
    assert not client.get(LIST, {"q": "gnu"}).context["papers"]
    for callback in job:
        callback()
    assert [p.title for p in client.get(LIST, {"q": "gnu"}).context["papers"]] == ["Waiting paper"]


def test_changing_visibility_takes_the_words_out_of_the_index(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        paper = PaperFactory(
            file=ContentFile(samples.pdf("t", ["zeppelin budget"]), name="a.pdf"),
        )
    assert client.get(LIST, {"q": "zeppelin"}).context["papers"]

    paper.visibility = "partners"
    paper.save()

    assert not client.get(LIST, {"q": "zeppelin"}).context["papers"]


# -- downloads -------------------------------------------------------------------------------


def download(client, paper):
    return client.get(paper.get_download_url())


def test_a_public_paper_downloads_as_an_attachment_and_is_counted(client):
    paper = PaperFactory(title="Strategy (draft 2)")

    response = download(client, paper)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{paper.slug}.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert Paper.objects.get(pk=paper.pk).download_count == 1


def test_partners_only_papers_send_the_public_to_sign_in_by_every_url(client):
    paper = PaperFactory(visibility="partners")

    response = download(client, paper)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not getattr(response, "streaming", False)
    detail = body(client.get(paper.get_absolute_url()))
    assert "Sign in" in detail and paper.file.name not in detail
    assert Paper.objects.get(pk=paper.pk).download_count == 0


def test_the_admin_never_links_to_the_stored_file(client, staff_login):
    staff_login(EditorFactory())
    paper = PaperFactory(visibility="partners")
    version = paper.history.first()

    pages = [
        body(client.get(reverse("admin:papers_paper_change", args=[paper.pk]))),
        body(client.get(reverse("admin:papers_paper_simple_history", args=[paper.pk, version.pk]))),
    ]

    for page in pages:
        assert paper.file.name not in page
        assert storages_url(paper) not in page
    assert paper.get_download_url() in pages[0]


def storages_url(paper):
    from django.core.files.storage import FileSystemStorage

    return FileSystemStorage(base_url="/media/").url(paper.file.name)


def test_partners_only_papers_are_for_partner_accounts(client):
    paper = PaperFactory(visibility="partners")

    client.force_login(UserFactory())  # signed in, but no partner organisation
    assert download(client, paper).status_code == 403
    client.force_login(MemberFactory())
    assert download(client, paper).status_code == 200


def test_draft_papers_do_not_download(client):
    paper = PaperFactory(publication_status="draft")

    assert download(client, paper).status_code == 404
    assert client.get("/papers/no-such-paper/download/").status_code == 404


# -- versions --------------------------------------------------------------------------------


def test_a_replaced_file_stays_downloadable_by_editors_only(
    client, staff_login, django_capture_on_commit_callbacks
):
    organisation = OrganisationFactory()
    paper = PaperFactory(organisation=organisation)
    first_version = paper.history.earliest("history_date")
    paper.file = ContentFile(samples.docx("New", ["second version words"]), name="v2.docx")
    with django_capture_on_commit_callbacks(execute=True):
        paper.save()
    url = reverse("admin:papers_paper_history_file", args=[first_version.history_id])

    assert Paper.objects.get(pk=paper.pk).file_type == "docx"
    assert "second version words" in Paper.objects.get(pk=paper.pk).full_text
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    staff_login(PartnerOfficerFactory(organisation=organisation))
    assert client.get(url).status_code == 403
    staff_login(EditorFactory())
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    history_page = body(client.get(reverse("admin:papers_paper_history", args=[paper.pk])))
    assert url in history_page


# -- the list, the admin, the partner pages --------------------------------------------------


def test_facets_by_kind_year_and_group(client):
    group = GroupFactory()
    PaperFactory(kind="minutes", date="2003-03-01", group=group)
    PaperFactory(kind="minutes", date="2002-03-01")
    PaperFactory(kind="strategy", date="2003-09-01")

    response = client.get(LIST, {"year": "2003"})

    assert len(response.context["papers"]) == 2
    facets = {f.name: {o.value: o.count for o in f.options} for f in response.context["facets"]}
    assert facets["year"] == {"2003": 2, "2002": 1}
    assert facets["kind"]["minutes"] == 1 and facets["kind"]["strategy"] == 1
    assert facets["group"] == {group.slug: 1}


def test_bad_filters_are_reported_and_exports_refused(client):
    PaperFactory()

    page = client.get(LIST, {"year": "1850", "kind": "poem"})
    export = client.get(LIST, {"year": "1850", "format": "json"})

    assert page.status_code == 200 and "is not a known year" in body(page)
    assert export.status_code == 400


def test_export_lists_the_papers_but_not_their_words(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        PaperFactory(
            title="Exported", file=ContentFile(samples.pdf("t", ["hidden words"]), name="x")
        )

    rows = list(csv.DictReader(io.StringIO(body(client.get(LIST, {"format": "csv"})))))

    assert [r["title"] for r in rows] == ["Exported"]
    assert "hidden words" not in str(rows)


def test_officers_manage_only_their_organisations_papers(client, officer):
    ours = PaperFactory(organisation=officer)
    theirs = PaperFactory()
    url = "admin:papers_paper_{}"

    assert list(client.get(reverse(url.format("changelist"))).context["cl"].queryset) == [ours]
    for action in ("change", "delete", "history"):
        assert client.get(reverse(url.format(action), args=[theirs.pk])).status_code == 403


def test_organisation_page_lists_papers_and_links_the_newest_strategy(client):
    organisation = OrganisationFactory()
    PaperFactory(
        organisation=organisation, kind="strategy", title="Old strategy", date="2001-01-01"
    )
    PaperFactory(
        organisation=organisation, kind="strategy", title="New strategy", date="2003-01-01"
    )
    PaperFactory(organisation=organisation, title="Draft", publication_status="draft")

    response = client.get(organisation.get_absolute_url())

    assert response.context["strategy"].title == "New strategy"
    assert "Old strategy" in body(response) and "Draft" not in body(response)


def test_group_page_lists_its_papers(client):
    group = GroupFactory()
    PaperFactory(group=group, title="Group minutes")

    assert "Group minutes" in body(client.get(group.get_absolute_url()))


def test_list_and_detail_queries_do_not_grow(client, django_capture_on_commit_callbacks):
    group = GroupFactory()
    with django_capture_on_commit_callbacks(execute=True):
        first = PaperFactory(group=group, themes=["e-democracy"])
    counts = [query_count(client, LIST), query_count(client, first.get_absolute_url())]
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(25):
            PaperFactory(group=group, themes=["e-democracy", f"theme {number}"])

    assert [query_count(client, LIST), query_count(client, first.get_absolute_url())] == counts
    assert counts[0] <= 20 and counts[1] <= 6


def test_seed_bulk_papers_replaces_its_own_rows(capsys):
    from django.core.management import call_command

    from papers.bulk import PREFIX

    demo = PaperFactory(title="Demo paper")

    call_command("seed_bulk", papers=30)
    call_command("seed_bulk", papers=20)

    bulk = Paper.objects.filter(slug__startswith=PREFIX)
    assert bulk.published().count() == 20
    assert set(bulk.values_list("text_status", flat=True)) == {TextStatus.EXTRACTED}
    assert "made for the benchmark" in bulk.filter(visibility="public").first().public_text
    assert Paper.objects.filter(pk=demo.pk).exists()
    assert "20 papers" in capsys.readouterr().out


def test_office_zip_bombs_are_refused():
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "a" * (files.MAX_UNPACKED_BYTES + 1))

    with pytest.raises(files.FileProblem, match="unpacks"):
        files.identify(io.BytesIO(data.getvalue()))


def test_a_zip_of_far_more_parts_than_a_document_has_is_refused(monkeypatch):
    monkeypatch.setattr(files, "MAX_ZIP_PARTS", 10)
    parts = {"[Content_Types].xml": "<Types/>", "word/document.xml": "<w/>"}
    assert files.identify(io.BytesIO(samples._zip(parts))).extension == "docx"

    many = samples._zip({**parts, **{f"word/part{number}.xml": "" for number in range(9)}})

    with pytest.raises(files.FileProblem, match="far more parts"):
        files.identify(io.BytesIO(many))


def test_utf16_text_is_plain_text():
    data = "Minutes of the smart card group".encode("utf-16")

    assert files.identify(io.BytesIO(data)).extension == "txt"
    assert files.extract_text(data, "txt") == "Minutes of the smart card group"


def test_a_save_that_fails_after_storing_the_file_leaves_no_file(client, officer, monkeypatch):
    from papers.admin import PaperAdmin

    def fail(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(PaperAdmin, "save_related", fail)
    upload = SimpleUploadedFile("paper.pdf", GOOD["pdf"]("words"))

    with pytest.raises(RuntimeError):
        client.post(reverse("admin:papers_paper_add"), paper_form(officer, upload))

    assert not Paper.objects.exists()
    assert stored_files() == []


def test_restoring_a_version_whose_file_is_gone_records_the_problem(
    django_capture_on_commit_callbacks,
):
    from registers.services import restore_version

    paper = PaperFactory()
    first = paper.history.earliest("history_date")
    paper.file = ContentFile(samples.docx("New", ["new words"]), name="v2.docx")
    paper.save()
    Paper._meta.get_field("file").storage.delete(first.file)

    with django_capture_on_commit_callbacks(execute=True):
        restored = restore_version(record=first, user=EditorFactory())

    restored = Paper.objects.get(pk=restored.pk)
    assert restored.file.name == first.file
    assert restored.text_status == TextStatus.FAILED
    assert restored.text_error == "The file could not be found in storage."


def test_the_words_of_a_huge_document_are_capped(monkeypatch):
    monkeypatch.setattr(files, "MAX_TEXT_CHARACTERS", 1000)
    data = samples.docx("Big", ["word " * 50] * 400)

    text = files.extract_text(data, "docx")

    assert 900 <= len(text) <= 1000
