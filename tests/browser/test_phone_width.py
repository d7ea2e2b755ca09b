"""Technicians read RxGuild on phones during breaks: no page may scroll sideways at 390 px
(nor at 360 px), every main page passes axe at desktop and phone width, and a screenshot of
each is kept for review.

Every main page of the demo instance, signed in as the demo member (wide tables may scroll
inside their own box; the page itself must not)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from rxguild.core.demo import DEMO_MEMBER_EMAIL, DEMO_PASSWORD, seed_all

pytestmark = pytest.mark.django_db(transaction=True)

# Seen signed out: the landing page and the way in.
VISITOR_PAGES = ["/", "/accounts/login/", "/accounts/signup/"]

PAGES = [
    "/",
    "/dashboard/",
    "/account/",
    "/profile/",
    "/catalog/credentials/",
    "/catalog/wages/",
    "/ce/",
    "/ce/transcript/",
    "/ce/records/add/",
    "/ce/import/",
    "/ce/courses/",
    "/ce/calendar/",
    "/jobs/",
    "/jobs/?q=sterile&zip=77030&radius=50",
    "/jobs/tracker/",
    "/jobs/interviews/",
    "/jobs/alerts/",
    "/resumes/",
    "/resumes/import/",
    "/community/",
    "/community/directory/",
    "/community/connections/",
    "/community/groups/",
    "/community/events/",
    "/community/messages/",
    "/community/notifications/",
    "/mentoring/",
    "/growth/",
    "/roadmap/",
    "/experience/",
    "/catalog/states/",
]


def _detail_pages() -> list[str]:
    """One page of each kind that has an id: a job, a resume and its analysis, a group, an event."""
    from django.urls import reverse

    from rxguild.accounts.models import User
    from rxguild.community.models import Event, Group
    from rxguild.jobs.models import JobPosting
    from rxguild.resumes.models import Resume

    member = User.objects.get(email=DEMO_MEMBER_EMAIL)
    resume = Resume.objects.filter(owner=member).first()
    posting = JobPosting.objects.filter(status="published").first()
    group = Group.objects.filter(visibility="public").first()
    event = Event.objects.first()
    assert resume and posting and group and event  # the demo data has one of each
    return [
        reverse("jobs:detail", args=[posting.public_id]),
        reverse("resumes:detail", args=[resume.pk]),
        reverse("resumes:analyze", args=[resume.pk]),
        reverse("community:group_detail", args=[group.slug]),
        reverse("community:event_detail", args=[event.pk]),
    ]


# The page overflows when the document is wider than the viewport; report what sticks out.
OVERFLOW_JS = """() => {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width) return [];
  const scrolls = el => {
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(up).overflowX)) return true;
    }
    return false;
  };
  const found = [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > width + 1 && !scrolls(el))
    .slice(0, 5)
    .map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
      (el.className ? '.' + el.className : '') +
      ' right=' + Math.round(el.getBoundingClientRect().right));
  // An absolutely positioned element inside a scrolling box whose containing block is
  // outside it widens the page though nothing visible sticks out: still a sideways scroll.
  const wide = document.documentElement.scrollWidth;
  return found.length ? found : ['the document is ' + wide + 'px wide'];
}"""


# Boxes that scroll sideways inside the page (tables without .stack, wide code blocks).
BOX_SCROLL_JS = """() => [...document.querySelectorAll('main *')]
  .filter(el => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX)
    && el.scrollWidth > el.clientWidth + 1)
  .map(el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : '') +
    ' ' + el.scrollWidth + '>' + el.clientWidth)"""


def _stacked_pages() -> list[str]:
    """Pages whose tables and board become stacked cards on a phone: not even a box inside
    them may scroll sideways."""
    from django.urls import reverse

    from rxguild.accounts.models import User
    from rxguild.resumes.models import Resume

    member = User.objects.get(email=DEMO_MEMBER_EMAIL)
    tailored = Resume.objects.filter(owner=member, kind="tailored").first()
    assert tailored is not None  # the demo has a resume tailored to a posting
    return [
        "/ce/transcript/",
        "/resumes/",
        "/jobs/tracker/",
        reverse("resumes:analyze", args=[tailored.pk]),
    ]


# Screenshots of every main page at each width, kept by CI as an artifact (.ci/run says
# where): artifacts/screenshots/<page>-<width>.png.
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
WIDTHS = (1280, 390)


def _slug(path: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "home"


def test_main_pages_at_desktop_and_phone_width(live_server, page, catalog, axe_scan):
    """Every main page at 1280 and 390 px: a screenshot, no sideways scroll, axe clean. At
    360 px (the narrowest phones still sold) the page must not scroll sideways either."""
    seed_all()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    overflowing: dict[str, list[str]] = {}
    violations: dict[str, list[dict[str, object]]] = {}

    def check(path: str, width: int, name: str) -> None:
        response = page.goto(live_server.url + path)
        assert response is not None and response.status == 200, path
        sticking_out = page.evaluate(OVERFLOW_JS)
        if sticking_out:
            overflowing[f"{name} at {width}"] = sticking_out
        if width in WIDTHS:
            page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)
            found = axe_scan(page)
            if found:
                violations[f"{name} at {width}"] = found

    for width in (*WIDTHS, 360):
        page.set_viewport_size({"width": width, "height": 800})
        for path in VISITOR_PAGES:
            check(path, width, "visitor-" + _slug(path))
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(DEMO_MEMBER_EMAIL)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    paths = PAGES + _detail_pages()
    for width in (*WIDTHS, 360):
        page.set_viewport_size({"width": width, "height": 800})
        for path in paths:
            check(path, width, _slug(path))
    for path in _stacked_pages():
        page.goto(live_server.url + path)
        assert page.locator("main table:not(.stack)").count() == 0, path
        scrolling_boxes = page.evaluate(BOX_SCROLL_JS)
        if scrolling_boxes:
            overflowing[path] = scrolling_boxes
    assert overflowing == {}, "\n".join(f"{path}: {found}" for path, found in overflowing.items())
    assert violations == {}, json.dumps(violations, indent=2)
    assert len(list(SCREENSHOTS.glob("*.png"))) >= (len(paths) + len(VISITOR_PAGES)) * len(WIDTHS)


def test_job_filters_stack_in_their_column_beside_the_results(live_server, page, catalog):
    """Filter forms are ordinary stacked forms, not Pico's one-line search group (which
    squeezed a dozen filters into a row that ran under the results). On a phone the rarer
    filters fold away so the first results are near the top; on a wide screen all show."""
    seed_all()
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 740})
        page.goto(live_server.url + "/jobs/")
        form = page.locator("#job-search-form")
        box = form.bounding_box()
        assert box is not None
        more = page.locator("details.more-filters")
        assert more.evaluate("details => details.open") == (width == 1280)
        for control in form.locator("select:visible").all():
            control_box = control.bounding_box()
            assert control_box is not None
            # Each select spans its form's width: one filter per line.
            assert control_box["width"] >= 0.9 * box["width"], (width, control_box, box)
        results = page.locator("#job-results").bounding_box()
        assert results is not None
        if width == 1280:
            assert box["x"] + box["width"] <= results["x"]
        else:
            assert results["y"] < 1000  # was 1,428 px (two screens) with every filter open
    # A filter in use keeps its section open on a phone, so the member sees what is set.
    page.goto(live_server.url + "/jobs/?shift=night")
    assert page.locator("details.more-filters").evaluate("details => details.open")
    assert page.get_by_label("Shift").input_value() == "night"
