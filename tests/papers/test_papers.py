"""The papers library: uploads judged by content, words inside feeding search, downloads that
never leak a partners-only file, earlier files kept for editors."""

import csv
import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from papers import samples
from papers.models import Paper
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
    client, officer, extension
):
    upload = SimpleUploadedFile("Our Secret Plans.bin", GOOD[extension]("zanzibar procurement"))

    response = client.post(reverse("admin:papers_paper_add"), paper_form(officer, upload))

    assert response.status_code == 302, response.context["adminform"].form.errors
    paper = Paper.objects.get()
    assert paper.file_type == extension
    assert "secret" not in paper.file.name.lower() and "joint" not in paper.file.name.lower()
    assert stored_files() == [paper.file.name.rsplit("/", 1)[1]]
    assert "zanzibar procurement" in paper.full_text
    assert paper.organisation == officer


BAD = {
    "empty": (b"", "file is empty"),
    "an image": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 40, "must be a PDF"),
    "a program named .pdf": (b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 40, "must be a PDF"),
    "a corrupt PDF": (b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ngarbage", "PDF is damaged"),
    "a corrupt DOCX": (samples.docx("x", ["y"])[:200], "damaged"),
    "a plain zip": (samples._zip({"notes.txt": "hello"}), "zip archive"),
    "a DOCX with damaged compressed data": (
        samples.docx("x", ["y" * 2000])[:300]
        + b"\x00" * 50
        + samples.docx("x", ["y" * 2000])[350:],
        "damaged",
    ),
    "a PDF with a broken trailer": (
        samples.pdf("x", ["y"]).replace(b"trailer\n<<", b"trailer\n7\x8b"),
        "damaged",
    ),
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


def test_a_file_whose_words_cannot_be_read_is_kept_and_the_problem_reported(client, officer):
    unreadable = samples._zip(
        {"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document><unclosed"}
    )
    upload = SimpleUploadedFile("odd.docx", unreadable)

    response = client.post(
        reverse("admin:papers_paper_add"), paper_form(officer, upload), follow=True
    )

    paper = Paper.objects.get()
    assert paper.full_text == "" and "could not be read" in paper.text_error
    assert "could not be read for searching" in body(response)


# -- search ----------------------------------------------------------------------------------


def test_search_finds_words_inside_public_papers_but_not_partners_only_ones(client):
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


def test_changing_visibility_takes_the_words_out_of_the_index(client):
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


def test_a_replaced_file_stays_downloadable_by_editors_only(client, staff_login):
    organisation = OrganisationFactory()
    paper = PaperFactory(organisation=organisation)
    first_version = paper.history.earliest("history_date")
    paper.file = ContentFile(samples.docx("New", ["second version words"]), name="v2.docx")
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


def test_export_lists_the_papers_but_not_their_words(client):
    PaperFactory(title="Exported", file=ContentFile(samples.pdf("t", ["hidden words"]), name="x"))

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
    assert Paper.objects.filter(pk=demo.pk).exists()
    assert "20 papers" in capsys.readouterr().out


def test_office_zip_bombs_are_refused():
    from papers import files

    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "a" * (files.MAX_UNPACKED_BYTES + 1))

    with pytest.raises(files.FileProblem, match="unpacks"):
        files.identify(io.BytesIO(data.getvalue()))


def test_utf16_text_is_plain_text():
    from papers import files

    data = "Minutes of the smart card group".encode("utf-16")

    assert files.identify(io.BytesIO(data)).extension == "txt"
    assert files.extract_text(io.BytesIO(data), files.TYPES["txt"]) == (
        "Minutes of the smart card group"
    )


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


def test_restoring_a_version_whose_file_is_gone_records_the_problem():
    from registers.services import restore_version

    paper = PaperFactory()
    first = paper.history.earliest("history_date")
    paper.file = ContentFile(samples.docx("New", ["new words"]), name="v2.docx")
    paper.save()
    Paper._meta.get_field("file").storage.delete(first.file)

    restored = restore_version(record=first, user=EditorFactory())

    restored = Paper.objects.get(pk=restored.pk)
    assert restored.file.name == first.file
    assert restored.text_error == "The file could not be found in storage."


def test_the_words_of_a_huge_document_are_capped(monkeypatch):
    from papers import files

    monkeypatch.setattr(files, "MAX_TEXT_CHARACTERS", 1000)
    data = samples.docx("Big", ["word " * 50] * 400)

    text = files.extract_text(io.BytesIO(data), files.TYPES["docx"])

    assert 900 <= len(text) <= 1000
