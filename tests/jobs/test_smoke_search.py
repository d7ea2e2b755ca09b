from __future__ import annotations

from tests.jobs.factories import member_with, publish


def test_search_finds_posting_by_text_and_marks_missing_credential(client, catalog, employer):
    posting = publish(
        employer,
        title="IV Room Pharmacy Technician",
        description="Sterile compounding in the IV room.",
        required_credentials=["ptcb-cpht", "state-tx-technician"],
    )
    publish(employer, title="Retail Technician", description="Counting and customer service.")
    member = member_with(catalog["cpht"])
    client.force_login(member)
    response = client.get("/jobs/", {"q": "sterile", "zip": "77002", "radius": "25"})
    assert response.status_code == 200
    result = response.context["result"]
    assert [h.posting.pk for h in result.hits] == [posting.pk]
    hit = result.hits[0]
    assert [c.code for c in hit.required_met] == ["ptcb-cpht"]
    assert [c.code for c in hit.required_missing] == ["state-tx-technician"]
