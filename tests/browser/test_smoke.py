import pytest
from tests.browser.conftest import format_violations

pytestmark = pytest.mark.django_db(transaction=True)


def test_home_page_loads_under_csp_and_passes_axe(live_server, page, axe_scan):
    console_errors: list[str] = []
    page.on("console", lambda msg: msg.type == "error" and console_errors.append(msg.text))
    page.goto(live_server.url + "/")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Grow your pharmacy technician career, together."
    )
    # htmx loaded from our own static files, not blocked by the CSP.
    assert page.evaluate("typeof htmx") == "object"
    violations = axe_scan(page)
    assert violations == [], format_violations(violations)
    assert console_errors == []
