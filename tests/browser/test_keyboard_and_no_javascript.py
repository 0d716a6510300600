"""A person using only a keyboard, and a person without JavaScript, can use the register."""

import pytest

from tests.factories import PASSWORD, PublishedProjectFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

FOCUSABLE = "a[href], button, input:not([type=hidden]), select, textarea, summary"


def focused(page):
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            return {
                tag: el.tagName, id: el.id, classes: el.className, text: el.textContent.trim(),
                marker: el.dataset.lcIndex || null,
                outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
                shadow: style.boxShadow !== 'none',
                background: style.backgroundColor,
            };
        }"""
    )


def test_keyboard_skip_link_then_every_control_with_visible_focus(visit):
    for number in range(30):
        PublishedProjectFactory(title=f"Keyboard project {number}", themes=["smart cards"])
    tab = visit()
    page = tab.go("/projects/")
    # Open every facet group so its checkboxes take part in the tab order.
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    controls = page.evaluate(
        f"""() => Array.from(document.querySelectorAll('{FOCUSABLE}'))
            .filter(el => el.offsetParent !== null || el.getClientRects().length)
            .map((el, index) => {{ el.dataset.lcIndex = String(index); return index; }}).length"""
    )

    page.keyboard.press("Tab")
    first = focused(page)
    assert "govuk-skip-link" in first["classes"], f"first tab stop is {first}"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main-content"

    page.evaluate("() => document.body.focus()")
    page.mouse.click(1, 1)  # start again from the top of the page
    reached, unfocused_styles = set(), []
    for _ in range(controls + 20):
        page.keyboard.press("Tab")
        state = focused(page)
        if state["marker"] is None:
            if state["tag"] == "BODY":
                break
            continue
        reached.add(int(state["marker"]))
        if not (state["outline"] or state["shadow"] or state["background"] == "rgb(255, 221, 0)"):
            unfocused_styles.append(state)

    assert reached == set(range(controls)), (
        f"not reachable by Tab: {set(range(controls)) - reached}"
    )
    assert not unfocused_styles, f"no visible focus on: {unfocused_styles[:5]}"


def test_browse_filter_paginate_and_sign_in_without_javascript(visit):
    for number in range(30):
        PublishedProjectFactory(title=f"Pathfinder {number:02d}", programme="pathfinder")
    PublishedProjectFactory(title="Local scheme", programme="local")
    UserFactory(username="officer")
    tab = visit(java_script=False)

    page = tab.go("/projects/")
    programme = page.locator("details", has=page.locator("summary", has_text="Programme"))
    if programme.get_attribute("open") is None:
        programme.locator("summary").click()  # <details> opens without script
    page.check("input[name=programme][value=pathfinder]")
    page.click("button:has-text('Apply filters')")
    assert "programme=pathfinder" in page.url
    assert page.locator("#results-count").inner_text().startswith("30 projects")

    page.click("a[rel=next]")
    assert "page=2" in page.url and "programme=pathfinder" in page.url
    assert page.locator(".lc-result").count() == 5

    page.locator(".lc-result a").first.click()
    assert page.locator("h1").inner_text().startswith("Pathfinder")

    page = tab.go("/accounts/login/")
    page.fill("#id_username", "officer")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    assert page.locator("button:has-text('Sign out')").is_visible()
