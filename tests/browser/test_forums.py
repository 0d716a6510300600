"""A partner signs in, starts a topic, replies, and sees the reply: in a real browser."""

import pytest

from tests.factories import PASSWORD, ForumFactory, MemberFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_member_signs_in_starts_a_topic_replies_and_sees_the_reply(visit):
    forum = ForumFactory(name="Smart cards", slug="smart-cards")
    member = MemberFactory(username="ade.okoro", first_name="Ade", last_name="Okoro")
    tab = visit()

    page = tab.go("/accounts/login/?next=/forums/smart-cards/")
    page.fill("#id_username", member.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"**{forum.get_absolute_url()}")

    page.click("text=Start a new topic")
    page.fill("#id_subject", "Which card standard?")
    page.fill("#id_body", "Should we all use **ISO 14443**?")
    page.click("button:has-text('Start topic')")
    page.wait_for_selector("h1:has-text('Which card standard?')")
    assert page.locator(".lc-post__body strong").inner_text() == "ISO 14443"

    page.fill("#id_body", "Yes, and agree the reader spec together.")
    page.click("button:has-text('Post reply')")
    page.wait_for_load_state()

    assert page.locator(".lc-post").count() == 2
    assert "agree the reader spec together" in page.locator(".lc-post").nth(1).inner_text()
    assert "Ade Okoro" in page.locator(".lc-post").nth(1).inner_text()
    tab.assert_accessible("forum topic after a reply")
