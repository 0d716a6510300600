"""Each role sees its way in: a moderator signs in, finds the open report from the header,
reads the post and hides it with a reason, and is told what was done: in a real browser."""

import pytest
from django.contrib.auth.models import Group as Role

from forums import services
from forums.models import Post
from partners.roles import MODERATOR
from tests.factories import PASSWORD, ForumFactory, MemberFactory, TopicFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_moderator_finds_a_report_from_the_header_and_hides_the_post(visit):
    author = MemberFactory(first_name="Ann", last_name="Author")
    topic = TopicFactory(
        forum=ForumFactory(name="Smart cards", slug="smart-cards"),
        subject="Card readers",
        author=author,
        body="Call me on 07700 900123 for cheap readers",
    )
    post = topic.posts.get()
    services.report_post(post=post, reporter=MemberFactory(), reason="Advertising")
    moderator = MemberFactory(username="mo.derator", first_name="Mo", last_name="Derator")
    moderator.groups.add(Role.objects.get(name=MODERATOR))
    tab = visit()

    page = tab.go("/accounts/login/?next=/forums/")
    page.fill("#id_username", moderator.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/forums/")

    page.click("a:has-text('Moderation (1 open report)')")
    page.wait_for_url("**/forums/moderation/")
    report = page.locator(".lc-result").first
    assert "Call me on 07700 900123 for cheap readers" in report.inner_text()
    assert "Post by Ann Author" in report.inner_text()
    tab.assert_accessible("moderation page with an open report")

    report.get_by_label("What you did about it").fill("Advertising is not allowed")
    report.get_by_role("button", name="Hide the post by Ann Author and resolve").click()
    page.wait_for_load_state()

    banner = page.locator(".govuk-notification-banner--success")
    assert "Post by Ann Author hidden: Advertising is not allowed." in banner.inner_text()
    assert "Moderation (0 open reports)" in page.locator(".lc-header__account").inner_text()
    assert Post.objects.get(pk=post.pk).is_hidden
    log = page.locator("table").inner_text()
    assert "post by Ann Author" in log and "Advertising is not allowed" in log
    tab.assert_accessible("moderation page after hiding the post")


@pytest.mark.parametrize("width", [1280, 375])
def test_an_officer_sees_the_interest_they_registered_confirmed_where_they_are(visit, width):
    from tests.factories import OrganisationFactory, PartnerOfficerFactory, PublishedProjectFactory

    project = PublishedProjectFactory(title="Smart card pilot")
    officer = PartnerOfficerFactory(organisation=OrganisationFactory(name="Test Newham"))
    tab = visit(user=officer, width=width, height=700)

    page = tab.go(project.get_absolute_url())
    page.get_by_role("button", name="Register Test Newham's interest").click()
    page.wait_for_url("**#interest-message")

    banner = page.locator(".govuk-notification-banner--success")
    banner.wait_for()
    assert "Test Newham is now listed as interested" in banner.inner_text()
    # The address's target, and a banner with role="alert": focused, by the browser and by
    # GOV.UK Frontend.
    page.wait_for_function(
        "() => document.activeElement.classList.contains('govuk-notification-banner')",
        timeout=5000,
    )
    box = banner.bounding_box()
    assert 0 <= box["y"] < page.viewport_size["height"], box  # on screen, not above it
    tab.assert_accessible(f"project page after registering interest, {width} px")
