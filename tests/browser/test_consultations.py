"""Consultations in a real browser: WCAG 2.2 A/AA (axe-core) and reflow at 320 px on every
consultation page, and a partner answering, with and without JavaScript, and seeing the
tally change."""

import datetime

import pytest
from django.utils import timezone

from forums import services
from partners.models import Sector, SubRegion
from tests.browser.conftest import check_each
from tests.browser.test_accessibility import accessible, reflows
from tests.factories import (
    PASSWORD,
    ForumFactory,
    MemberFactory,
    OrganisationFactory,
    SteeringMemberFactory,
    UserFactory,
)
from tests.forums.factories import AnswerFactory, ClosedConsultationFactory, ConsultationFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def consultations():
    """An open consultation answered from three sectors, with comments, and a closed one with
    its summary of views; long names, as the demo's, so that the tables must reflow."""
    forum = ForumFactory(
        name="Smart cards", slug="smart-cards", description="Citizen cards: schemes, standards."
    )
    open_one = ConsultationFactory(
        topic__forum=forum,
        topic__subject="Consultation: one smart card standard for London's public services",
        questions=[
            "Should every partner's citizen card follow one London-wide standard?",
            "Should the card carry proof of concessionary travel?",
        ],
    )
    sectors = ["local-authority", "nhs", "police"]
    regions = ["east", "north", None]
    for number, (sector, region) in enumerate(zip(sectors, regions, strict=True)):
        organisation = OrganisationFactory(
            name=f"Test {sector.replace('-', ' ').title()} Partnership Trust {number}",
            sector=Sector.objects.get(slug=sector),
            sub_region=SubRegion.objects.get(slug=region) if region else None,
        )
        user = MemberFactory(organisation=organisation)
        for question in open_one.questions.all():
            AnswerFactory(
                question=question,
                user=user,
                choice=["Agree", "Partly agree", "Don't know"][number],
                comment="Only if the card readers are funded for every library." if number else "",
            )
    closed = ClosedConsultationFactory(
        topic__forum=forum, topic__subject="Consultation: webcasting partnership meetings"
    )
    AnswerFactory(question=closed.questions.first(), comment="Our webcasts doubled attendance.")
    moderator = MemberFactory()
    forum.moderators.add(moderator)
    services.record_decision(
        topic=closed.topic, moderator=moderator, decision="Most partners **agree**."
    )
    return {"open": open_one, "closed": closed, "forum": forum, "moderator": moderator}


PAGES = {
    "consultations": lambda data: "/forums/consultations/",
    "consultation, open": lambda data: data["open"].get_absolute_url(),
    "consultation, closed with its summary of views": lambda data: data[
        "closed"
    ].get_absolute_url(),
}


def test_consultation_pages_are_accessible_and_reflow(visit, consultations):
    public, narrow = visit(), visit(width=320, height=800)
    partner = MemberFactory()
    AnswerFactory(question=consultations["open"].questions.first(), user=partner)
    partner_wide = visit(user=partner)
    partner_narrow = visit(user=partner, width=320, height=800)
    steering = visit(user=SteeringMemberFactory())
    moderator = visit(user=consultations["moderator"])
    nobody = visit(user=UserFactory())
    open_url = consultations["open"].get_absolute_url()
    new_url = f"/forums/{consultations['forum'].slug}/consultation/new/"
    checks = [
        (label, accessible(public, page(consultations), label)) for label, page in PAGES.items()
    ]
    checks += [
        (f"{label} at 320px", reflows(narrow, page(consultations))) for label, page in PAGES.items()
    ]
    checks += [
        ("consultation, a partner's answers", accessible(partner_wide, open_url, "answers")),
        ("consultation, a partner's answers at 320px", reflows(partner_narrow, open_url)),
        ("consultation, no partner", accessible(nobody, open_url, "no partner")),
        ("consultation, as its moderator", accessible(moderator, open_url, "moderator")),
        (
            "closed consultation, as its moderator",
            accessible(moderator, consultations["closed"].get_absolute_url(), "closed, moderator"),
        ),
        ("open a consultation", accessible(steering, new_url, "open a consultation")),
        (
            "open a consultation at 320px",
            reflows(visit(user=SteeringMemberFactory(), width=320), new_url),
        ),
    ]
    check_each(checks)


def test_the_forms_with_errors_are_accessible(visit, consultations):
    tab = visit(user=MemberFactory())
    page = tab.go(consultations["open"].get_absolute_url())
    page.click("button:has-text('Send your answers')")  # nothing chosen
    page.wait_for_load_state()
    assert page.locator(".govuk-error-summary").is_visible()
    assert "Choose an answer to question 1." in page.locator(".govuk-error-summary").inner_text()
    tab.problems = [p for p in tab.problems if "status of 400" not in p]  # the browser's own
    tab.assert_accessible("consultation answers with errors")

    steering = visit(user=SteeringMemberFactory())
    page = steering.go(f"/forums/{consultations['forum'].slug}/consultation/new/")
    page.fill("#id_closes_on", "01/01/2001")
    page.click("button:has-text('Open the consultation')")
    page.wait_for_load_state()
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "Give the topic a subject." in summary and "today or later" in summary
    steering.problems = [p for p in steering.problems if "status of 400" not in p]
    steering.assert_accessible("open a consultation with errors")


def test_a_partner_signs_in_answers_and_sees_the_tally_change(visit, consultations):
    consultation = consultations["open"]
    borough = OrganisationFactory(
        name="Test Camden", sector=Sector.objects.get(slug="local-authority")
    )
    member = MemberFactory(username="ade.okoro", organisation=borough)
    first = consultation.questions.get(position=1)
    tab = visit()
    url = consultation.get_absolute_url()

    page = tab.go(f"/accounts/login/?next={url}")
    page.fill("#id_username", member.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"**{url}")
    table = page.locator("#question-1 table").first
    local_authority = table.locator("tr", has_text="Local authority")
    assert local_authority.locator("td").last.inner_text() == "1"

    page.check(f"#id_choice_{first.pk}_0")  # Agree
    page.fill(f"#id_comment_{first.pk}", "Camden would switch at renewal.")
    page.check(f"#id_choice_{consultation.questions.get(position=2).pk}_2")  # Disagree
    page.click("button:has-text('Send your answers')")
    page.wait_for_load_state()

    assert "Your answers are recorded" in page.locator(".govuk-notification-banner").inner_text()
    assert local_authority.locator("td").first.inner_text() == "2"  # Agree, by two boroughs
    assert local_authority.locator("td").last.inner_text() == "2"
    assert page.locator(f"#id_choice_{first.pk}_0").is_checked()
    comments = page.locator("#question-1 .lc-comment").all_inner_texts()
    assert any(
        "Camden would switch at renewal." in text and "Test Camden" in text for text in comments
    )
    assert not any("ade.okoro" in text for text in comments)
    tab.assert_accessible("consultation after answering")

    # A change of mind, before it closes: the tally moves, with one answer still.
    page.check(f"#id_choice_{first.pk}_2")
    page.click("button:has-text('Change your answers')")
    page.wait_for_load_state()
    assert local_authority.locator("td").first.inner_text() == "1"
    assert local_authority.locator("td").nth(2).inner_text() == "1"
    assert local_authority.locator("td").last.inner_text() == "2"


def test_a_partner_answers_without_javascript(visit, consultations):
    consultation = consultations["open"]
    member = MemberFactory()
    tab = visit(java_script=False, user=member)
    page = tab.go(consultation.get_absolute_url())
    for question in consultation.questions.all():
        page.check(f"#id_choice_{question.pk}_1")  # Partly agree
    page.click("button:has-text('Send your answers')")
    page.wait_for_load_state()

    assert "Your answers are recorded" in page.content()
    assert member.consultation_answers.count() == 2


def test_answering_a_closed_consultation_shows_why(visit, consultations):
    consultation = consultations["open"]
    tab = visit(user=MemberFactory())
    page = tab.go(consultation.get_absolute_url())
    type(consultation).objects.filter(pk=consultation.pk).update(
        closes_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    for question in consultation.questions.all():
        page.check(f"#id_choice_{question.pk}_0")
    with page.expect_response(lambda response: response.request.method == "POST") as sent:
        page.click("button:has-text('Send your answers')")
    assert sent.value.status == 409
    page.wait_for_load_state()
    assert "takes no more answers" in page.locator(".govuk-error-summary").inner_text()
    tab.problems = [p for p in tab.problems if "status of 409" not in p]  # the browser's own
    tab.assert_accessible("consultation closed while answering")
