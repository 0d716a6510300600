"""The admin's type-ahead pickers in a real browser (issue 16, items 7 and 2): organisations
found by any word of their name ("Newham" for "London Borough of Newham") and themes from the
vocabulary, by keyboard, passing axe, and the plain controls still saving without
JavaScript; an officer's near-duplicate theme is refused and never created."""

import pytest
from playwright.sync_api import expect
from taggit.models import Tag

from partners.models import Organisation
from projects.models import Project
from tests.factories import EditorFactory, OrganisationFactory, PartnerOfficerFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ADD = "/admin/projects/project/add/"
NEWHAM = "London Borough of Newham"
HACKNEY = "London Borough of Hackney"


@pytest.fixture
def vocabulary():
    for name in ("smart cards", "e-democracy", "social inclusion"):
        Tag.objects.create(name=name)


@pytest.fixture
def officer():
    # Not a borough: the officer's organisation leads, Newham and Hackney are partners.
    return PartnerOfficerFactory(organisation=OrganisationFactory(name="Test Health Trust"))


def fill_the_rest(page, title):
    page.locator("#id_title").fill(title)
    page.locator("#id_summary").fill("One card for every council service.")
    page.locator("#id_programme").select_option(label="Pathfinder")


def choose(page, box_name, typed, expected):
    """Type into a picker and choose the first match by keyboard."""
    box = page.get_by_role("combobox", name=box_name)
    box.focus()
    page.keyboard.type(typed)
    option = page.get_by_role("option", name=expected)
    option.wait_for()
    page.keyboard.press("Enter")
    return box


def chosen(page, list_name):
    """The names listed as chosen, each with its "Remove" button."""
    items = page.get_by_role("list", name=f"{list_name}, chosen").get_by_role("listitem")
    for item in items.all():
        name = item.locator("span").first.inner_text()
        assert item.get_by_role("button", name=f"Remove {name}").is_visible()
    return items.locator("> span").all_inner_texts()


def test_an_officer_adds_a_project_choosing_partners_and_a_theme_by_keyboard(
    visit, officer, vocabulary
):
    tab = visit(user=officer)
    page = tab.go(ADD)
    fill_the_rest(page, "Smart card for east London")

    box = choose(page, "Partner organisations", "Newham", NEWHAM)
    expect(box).to_have_value("")  # emptied for the next one
    choose(page, "Partner organisations", "hack", HACKNEY)
    choose(page, "Partner organisations", "Camden", "London Borough of Camden")
    # Listed in the select's (alphabetical) order.
    assert chosen(page, "Partner organisations") == ["London Borough of Camden", HACKNEY, NEWHAM]
    # Camden was a slip: its "Remove" button, by keyboard; focus stays in the list.
    page.get_by_role("button", name="Remove London Borough of Camden").focus()
    page.keyboard.press("Enter")
    assert chosen(page, "Partner organisations") == [HACKNEY, NEWHAM]
    assert page.evaluate("document.activeElement.textContent") == f"Remove {HACKNEY}"
    assert page.get_by_role("status").filter(has_text="Removed London Borough of Camden").count()

    # A theme from the vocabulary, by its second word.
    choose(page, "Themes", "cards", "smart cards")
    assert chosen(page, "Themes") == ["smart cards"]
    tab.assert_accessible("project add form, partners and a theme chosen")

    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url("**/admin/projects/project/")

    project = Project.objects.get(title="Smart card for east London")
    assert project.lead_organisation == officer.membership.organisation
    assert sorted(project.partner_organisations.values_list("name", flat=True)) == [
        HACKNEY,
        NEWHAM,
    ]
    assert list(project.tags.names()) == ["smart cards"]

    # The change form shows them as chosen items, and passes axe with the menu open.
    page = tab.go(f"/admin/projects/project/{project.pk}/change/")
    assert chosen(page, "Partner organisations") == [HACKNEY, NEWHAM]
    page.get_by_role("combobox", name="Partner organisations").focus()
    page.keyboard.type("Borough of")
    page.get_by_role("option", name="London Borough of Barnet").wait_for()
    assert page.get_by_role("option", name=NEWHAM).count() == 0  # chosen already
    tab.assert_accessible("project change form, picker menu open")


def test_an_editor_chooses_the_lead_organisation_by_typing(visit, vocabulary):
    tab = visit(user=EditorFactory())
    page = tab.go(ADD)
    fill_the_rest(page, "Newham leads")

    lead = choose(page, "Lead organisation", "newham", NEWHAM)
    assert lead.input_value() == NEWHAM
    choose(page, "Partner organisations", "Hackney", HACKNEY)
    tab.assert_accessible("project add form as an editor, lead chosen")

    # A partner not yet in the register, added through the admin's "+" (a popup), is chosen.
    with page.expect_popup() as opened:
        page.locator("#add_id_partner_organisations").click()
    popup = opened.value
    popup.locator("#id_name").fill("Test New Agency")
    popup.locator("#id_slug").fill("test-new-agency")
    popup.locator("#id_sector").select_option(index=1)
    popup.locator("input[name=_save]").click()
    popup.wait_for_event("close")
    assert chosen(page, "Partner organisations") == [HACKNEY, "Test New Agency"]

    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url("**/admin/projects/project/")

    project = Project.objects.get(title="Newham leads")
    assert project.lead_organisation.name == NEWHAM
    assert sorted(o.name for o in project.partner_organisations.all()) == [
        HACKNEY,
        "Test New Agency",
    ]


def test_an_editor_adds_a_new_theme_and_confirms_a_near_duplicate(visit, vocabulary):
    tab = visit(user=EditorFactory())
    page = tab.go(ADD)
    fill_the_rest(page, "New themes")
    choose(page, "Lead organisation", "Newham", NEWHAM)

    choose(page, "Themes", "knowledge management", "Add “knowledge management” as a new theme")
    # "smart card" is offered both ways: the existing theme first, then as a new one.
    box = page.get_by_role("combobox", name="Themes")
    # Typed only once the choice above has emptied the box (under load the first letter
    # typed before that went with the old text: "mart card").
    expect(box).to_have_value("")
    box.focus()
    page.keyboard.type("smart card")
    options = page.locator("#id_tags__listbox").get_by_role("option")
    expect(options).to_have_text(["smart cards", "Add “smart card” as a new theme"])
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert chosen(page, "Themes") == ["knowledge management", "smart card"]

    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_load_state()
    errors = page.locator(".field-tags .errorlist").inner_text()
    assert "“smart card” looks like the existing theme “smart cards”" in errors
    assert not Tag.objects.filter(name__in=["smart card", "knowledge management"]).exists()
    tab.assert_accessible("project add form, an editor's near-duplicate theme")

    page.get_by_label("Add as a new theme anyway").check()
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url("**/admin/projects/project/")
    project = Project.objects.get(title="New themes")
    assert sorted(project.tags.names()) == ["knowledge management", "smart card"]


def test_without_javascript_the_plain_select_and_box_still_save(visit, officer, vocabulary):
    tab = visit(java_script=False, user=officer)
    page = tab.go(ADD)
    fill_the_rest(page, "Plain controls")
    page.locator("#id_partner_organisations").select_option(label=[NEWHAM, HACKNEY])
    page.locator("#id_tags").fill("smart cards, e-democracy")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url("**/admin/projects/project/")

    project = Project.objects.get(title="Plain controls")
    assert {o.name for o in project.partner_organisations.all()} == {NEWHAM, HACKNEY}
    assert sorted(project.tags.names()) == ["e-democracy", "smart cards"]


def test_an_officers_near_duplicate_theme_is_refused_and_not_created(visit, officer, vocabulary):
    themes_before = Tag.objects.count()
    tab = visit(user=officer)
    page = tab.go(ADD)
    fill_the_rest(page, "Near duplicate")
    choose(page, "Partner organisations", "Newham", NEWHAM)

    # The picker offers only the vocabulary: "smart card" finds "smart cards"...
    box = page.get_by_role("combobox", name="Themes")
    box.focus()
    page.keyboard.type("smart card")
    page.get_by_role("option", name="smart cards").wait_for()
    assert page.get_by_role("option", name="Add “smart card” as a new theme").count() == 0
    # ...and what is typed but not chosen is still checked when the form is sent.
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_load_state()

    errors = page.locator(".field-tags .errorlist").inner_text()
    assert "“smart card” is not one of the themes. Did you mean “smart cards”?" in errors
    assert Tag.objects.count() == themes_before
    assert not Tag.objects.filter(name="smart card").exists()
    assert not Project.objects.filter(title="Near duplicate").exists()
    # What was chosen is kept on the refused form.
    assert chosen(page, "Partner organisations") == [NEWHAM]
    tab.assert_accessible("project add form, theme refused")


def test_organisations_in_the_reference_data_match_on_any_word(visit, officer):
    assert Organisation.objects.filter(name=NEWHAM).exists()
    tab = visit(user=officer, width=375)
    page = tab.go(ADD)
    box = page.get_by_role("combobox", name="Partner organisations")
    box.focus()
    page.keyboard.type("tower ham")
    options = page.locator("#id_partner_organisations__listbox").get_by_role("option")
    options.first.wait_for()
    assert options.all_inner_texts() == ["London Borough of Tower Hamlets"]
