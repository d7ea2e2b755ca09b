from __future__ import annotations

import pytest
from tests.community.conftest import make_member

from rxguild.community import demo
from rxguild.community.models import Connection, Event, Group, Post
from rxguild.core.demo import DemoContext

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent():
    member, staff = make_member("Demo"), make_member("Staffer")
    peers = [make_member(f"Peer{n}") for n in range(6)]
    context = DemoContext(objects={"member": member, "staff": staff, "demo_peers": peers})
    demo.seed(context)
    demo.seed(context)
    assert Group.objects.count() == 6
    assert Post.objects.filter(parent__isnull=True).count() == 4
    assert Event.objects.count() == 1
    assert Connection.objects.filter(status="accepted").count() == 3
    question = Post.objects.get(kind="question")
    assert question.accepted_answer is not None
