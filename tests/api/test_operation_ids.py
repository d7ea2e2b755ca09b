"""Generated API clients name their methods after OpenAPI operation ids: an id must say which
app and function it is, be unique, and not change when an app's `api.py` becomes a package."""

from __future__ import annotations

from collections import Counter

from rxguild.api.main import api


def _operation_ids() -> list[str]:
    schema = api.get_openapi_schema()
    return [
        operation["operationId"] for path in schema["paths"].values() for operation in path.values()
    ]


def test_operation_ids_are_unique() -> None:
    duplicates = [name for name, seen in Counter(_operation_ids()).items() if seen > 1]
    assert duplicates == []


def test_an_api_package_keeps_the_ids_of_the_module_it_replaced() -> None:
    # mentoring's API lives in rxguild/mentoring/api/enrolment.py, programs.py, ...; its ids
    # are those the single rxguild/mentoring/api.py had.
    ids = set(_operation_ids())
    assert "rxguild_mentoring_api_mentor_offer_put" in ids
    assert "rxguild_mentoring_api_program_publish" in ids
    assert not any(name.startswith("rxguild_mentoring_api_enrolment_") for name in ids)


def test_a_module_beside_api_keeps_its_own_name() -> None:
    # resumes' builder endpoints are in rxguild/resumes/builder_api.py, not in an api package.
    assert any(name.startswith("rxguild_resumes_builder_api_") for name in _operation_ids())
