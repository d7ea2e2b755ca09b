"""The resumes demo: a master resume and a tailored copy for a hospital IV-room posting."""

from __future__ import annotations

from tests.jobs.factories import EmployerFactory, publish

from rxguild.core.demo import DemoContext
from rxguild.resumes import demo
from rxguild.resumes.models import Resume


def test_seed_is_idempotent(member):
    posting = publish(
        EmployerFactory(), title="IV Room Pharmacy Technician", description="CPhT required. TPN."
    )
    context = DemoContext(objects={"member": member})
    demo.seed(context)
    demo.seed(DemoContext(objects={"member": member}))
    resumes = list(Resume.objects.order_by("kind").values_list("kind", "title", "target_posting"))
    assert resumes == [
        ("master", "Master resume", None),
        ("tailored", "Master resume \u2014 for IV Room Pharmacy Technician", posting.pk),
    ]
    assert context.summary == [
        "Resumes: a master resume and a copy tailored for "
        "“IV Room Pharmacy Technician” at /resumes/"
    ]


def test_seed_without_a_member_does_nothing(db):
    demo.seed(DemoContext())
    assert Resume.objects.count() == 0
