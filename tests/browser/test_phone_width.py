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

from rxguild.core.demo import (
    DEMO_MEMBER_EMAIL,
    DEMO_PASSWORD,
    DEMO_RECRUITER_EMAIL,
    DEMO_STAFF_EMAIL,
    seed_all,
)

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


# The rest, in a test of their own (so xdist can run the two side by side).
MORE_PAGES = [
    "/calendar/",
    "/wallet/",
    "/wallet/import/",
    "/account/tokens/",
    "/account/data/",
    "/catalog/",
    "/catalog/practice-settings/",
    "/catalog/specializations/",
    "/catalog/skills/",
    "/ce/certificates/upload/",
    "/community/groups/new/",
    "/community/events/new/",
    "/mentoring/mentors/",
    "/mentoring/requests/",
    "/mentoring/interviews/",
    "/mentoring/circles/",
    "/mentoring/programs/",
    "/mentoring/mentor/",
    "/mentoring/mentee/",
    "/growth/goals/",
    "/growth/feedback/",
    "/growth/recommendations/",
    "/roadmap/compare/",
    "/roadmap/pathways/",
    "/roadmap/cpht-adv/",
    "/roadmap/move/",
    "/roadmap/pay/",
    "/experience/entries/add/",
    "/experience/programs/",
    "/experience/competencies/",
]
STAFF_PAGES = [
    "/wallet/review/",
    "/community/moderation/",
    "/jobs/review/",
    "/catalog/states/facts/",
    "/roadmap/pay/moderate/",
]
RECRUITER_PAGES = ["/jobs/employer/"]


def _more_detail_pages() -> list[str]:
    """The demo member's public page, a badge's public verification page, a mentorship."""
    from django.db.models import Q
    from django.urls import reverse

    from rxguild.accounts.models import User
    from rxguild.mentoring.models import Mentorship
    from rxguild.wallet.models import IssuedBadge

    member = User.objects.get(email=DEMO_MEMBER_EMAIL)
    badge = IssuedBadge.objects.filter(member=member).first()
    mentorship = Mentorship.objects.filter(Q(mentee=member) | Q(mentor=member)).first()
    assert badge and mentorship  # the demo data has one of each
    return [
        reverse("profiles_public:detail", args=[member.profile.handle]),
        reverse("wallet:badge", args=[badge.public_id]),
        reverse("mentoring:mentorship", args=[mentorship.pk]),
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


class _Checks:
    """Each page at each width: a screenshot and axe at 1280 and 390 px, the sideways-scroll
    check at those and at 360 px (the narrowest phones still sold)."""

    def __init__(self, live_server, page, axe_scan) -> None:
        self.live_server, self.page, self.axe_scan = live_server, page, axe_scan
        self.overflowing: dict[str, list[str]] = {}
        self.violations: dict[str, list[dict[str, object]]] = {}
        self.screenshots = 0
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def sign_in(self, email: str) -> None:
        self.page.context.clear_cookies()
        self.page.goto(self.live_server.url + "/accounts/login/")
        self.page.get_by_label("Email").fill(email)
        self.page.get_by_label("Password").fill(DEMO_PASSWORD)
        self.page.get_by_role("button", name="Sign In").click()
        self.page.wait_for_url(lambda url: "/accounts/login/" not in url)

    def pages(self, paths: list[str], prefix: str = "") -> None:
        for width in (*WIDTHS, 360):
            self.page.set_viewport_size({"width": width, "height": 800})
            for path in paths:
                self._check(path, width, prefix + _slug(path))

    def _check(self, path: str, width: int, name: str) -> None:
        response = self.page.goto(self.live_server.url + path)
        assert response is not None and response.status == 200, path
        sticking_out = self.page.evaluate(OVERFLOW_JS)
        if sticking_out:
            self.overflowing[f"{name} at {width}"] = sticking_out
        if width in WIDTHS:
            self.page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)
            self.screenshots += 1
            found = self.axe_scan(self.page)
            if found:
                self.violations[f"{name} at {width}"] = found

    def assert_clean(self) -> None:
        assert self.overflowing == {}, "\n".join(
            f"{path}: {found}" for path, found in self.overflowing.items()
        )
        assert self.violations == {}, json.dumps(self.violations, indent=2)


def test_main_pages_at_desktop_and_phone_width(live_server, page, catalog, axe_scan):
    """Every main page at 1280 and 390 px: a screenshot, no sideways scroll, axe clean. At
    360 px (the narrowest phones still sold) the page must not scroll sideways either."""
    seed_all()
    checks = _Checks(live_server, page, axe_scan)
    checks.pages(VISITOR_PAGES, prefix="visitor-")
    checks.sign_in(DEMO_MEMBER_EMAIL)
    paths = PAGES + _detail_pages()
    checks.pages(paths)
    for path in _stacked_pages():
        page.goto(live_server.url + path)
        assert page.locator("main table:not(.stack)").count() == 0, path
        scrolling_boxes = page.evaluate(BOX_SCROLL_JS)
        if scrolling_boxes:
            checks.overflowing[path] = scrolling_boxes
    checks.assert_clean()
    assert checks.screenshots == (len(paths) + len(VISITOR_PAGES)) * len(WIDTHS)


def test_more_pages_at_desktop_and_phone_width(live_server, page, catalog, axe_scan):
    """The rest of the main pages, the same checks: the calendar, the credential wallet and a
    badge's public page, each part's second-level pages, the public profile, a mentorship,
    and what staff and recruiters work in."""
    seed_all()
    checks = _Checks(live_server, page, axe_scan)
    member_paths = MORE_PAGES + _more_detail_pages()
    checks.sign_in(DEMO_MEMBER_EMAIL)
    checks.pages(member_paths)
    for width in WIDTHS:
        # The links beside "Save this search" wrap as a pair, never one per line.
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(live_server.url + "/jobs/")
        links = page.locator("form.save-search")
        tracker = links.get_by_role("link", name="My applications").bounding_box()
        saved = links.get_by_role("link", name="Saved searches").bounding_box()
        assert tracker is not None and saved is not None
        assert abs(tracker["y"] - saved["y"]) < 2, (width, tracker, saved)
    checks.sign_in(DEMO_STAFF_EMAIL)
    checks.pages(STAFF_PAGES, prefix="staff-")
    checks.sign_in(DEMO_RECRUITER_EMAIL)
    checks.pages(RECRUITER_PAGES, prefix="recruiter-")
    checks.assert_clean()
    pages = len(member_paths) + len(STAFF_PAGES) + len(RECRUITER_PAGES)
    assert checks.screenshots == pages * len(WIDTHS)


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
