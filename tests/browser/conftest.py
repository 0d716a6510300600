"""Real-browser tests: Playwright driving Debian's Chromium against the live test server.

Run with ``-m browser`` (``make test`` does, in its own pytest run with DJANGO_HTTPS=0: the
live server speaks plain HTTP on loopback). Locally they skip when Chromium is missing; in CI
(CI=true) a missing browser fails the run.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = "Chromium is not installed (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message + ": CI must run the browser tests")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in the test thread; the ORM calls the tests
    # make between browser steps are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


class Visit:
    """A browser tab that records Content-Security-Policy violations and console errors."""

    def __init__(self, context, base_url):
        self.context = context
        self.base_url = base_url
        self.page = context.new_page()
        self.problems: list[str] = []
        self.page.on("console", self._on_console)
        self.page.add_init_script(
            "document.addEventListener('securitypolicyviolation', e =>"
            " console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI"
            " + ' at ' + e.sourceFile + ':' + e.lineNumber));"
        )

    def _on_console(self, message):
        if message.type == "error":
            where = message.location or {}
            self.problems.append(f"{message.text} [{where.get('url')}:{where.get('lineNumber')}]")

    def go(self, path, expect_status=200):
        self.problems = []  # each page answers for its own console
        response = self.page.goto(self.base_url + path)
        assert response.status == expect_status, f"{path}: {response.status}"
        if expect_status != 200:
            # The browser reports the expected error status of the page itself; that is fine.
            self.problems = [p for p in self.problems if response.url not in p]
        return self.page

    def axe_violations(self):
        self.page.evaluate(AXE_SOURCE)
        result = self.page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
        )
        return result["violations"]

    def assert_accessible(self, label):
        # Console problems first: axe itself adds <style> elements the page's CSP refuses.
        page_problems = list(self.problems)
        assert not page_problems, f"console errors on {label} (CSP?): {page_problems}"
        violations = self.axe_violations()
        report = "\n".join(
            f"- {v['id']} ({v['impact']}): {v['help']} — {v['helpUrl']}\n"
            + "\n".join(f"    at {node['target']}: {node['failureSummary']}" for node in v["nodes"])
            for v in violations
        )
        assert not violations, f"axe found WCAG A/AA violations on {label}:\n{report}"


def check_each(checks) -> None:
    """Run every ``(label, check)`` and fail once, naming every page that failed and why.

    One test goes through a whole list of pages on one set of data: building the data for
    each page (a transactional test's flush and reload) would cost more than the checks."""
    failures = []
    for label, check in checks:
        try:
            check()
        except AssertionError as failure:
            failures.append(f"{label}: {failure}")
    assert not failures, f"{len(failures)} page(s) failed:\n\n" + "\n\n".join(failures)


@pytest.fixture
def visit(browser, live_server):
    contexts = []

    def open_tab(*, java_script=True, width=1280, height=900, user=None):
        context = browser.new_context(
            java_script_enabled=java_script, viewport={"width": width, "height": height}
        )
        contexts.append(context)
        if user is not None:
            context.add_cookies([session_cookie_for(user, live_server.url)])
        return Visit(context, live_server.url)

    yield open_tab
    for context in contexts:
        context.close()


def session_cookie_for(user, url):
    """A signed-in session for ``user`` (with a verified second factor, as the admin asks)."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=user, name="test phone", confirmed=True)
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return {"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": url}
