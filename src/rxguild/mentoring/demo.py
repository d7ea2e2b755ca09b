"""Demo mentoring: the profile peers who are open to mentoring become mentors across several
states and specialties, a few others become mentees, and the demo member (Maria) has an
active mentorship as a mentee, a pending request she sent, one waiting for her answer as a
mentor, and recommendations. Runs after profiles and community (DEMO_APPS order);
idempotent: everything is keyed by the members and saved through the services.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from rxguild.accounts.models import User
from rxguild.catalog.models import Credential
from rxguild.core.demo import DemoContext
from rxguild.mentoring.models import (
    AGENDA_TEMPLATE,
    Agreement,
    Bookmark,
    Circle,
    CircleMember,
    InfoInterviewRequest,
    Mentorship,
    MentorshipRequest,
    Program,
    ProgramParticipant,
    ProgramQuestion,
)
from rxguild.mentoring.services import circles, enrolment, interviews
from rxguild.profiles.models import CredentialHeld

# first name -> what they offer (specialties, settings, topics, languages, capacity)
MENTORS: dict[str, dict[str, Any]] = {
    "Aiyana": {
        "specialties": ["sterile-compounding", "hazardous-drugs"],
        "practice_settings": ["hospital-health-system"],
        "topics": ["sterile-compounding", "cspt", "moving-to-hospital"],
        "languages": ["en"],
        "capacity": 3,
        "credentials": ["ptcb-cspt"],
    },
    "Carmen": {
        "specialties": ["specialty-pharmacy", "billing-reimbursement"],
        "practice_settings": ["specialty"],
        "topics": ["billing", "first-job"],
        "languages": ["en", "es"],
        "capacity": 2,
    },
    "Dmitri": {
        "specialties": ["hazardous-drugs", "oncology", "sterile-compounding"],
        "practice_settings": ["hospital-health-system"],
        "topics": ["oncology", "cspt", "sterile-compounding"],
        "languages": ["en", "ru"],
        "capacity": 2,
        "credentials": ["ptcb-cspt"],
    },
    "Gabe": {
        "specialties": ["supply-chain"],
        "practice_settings": ["mail-order-central-fill"],
        "topics": ["leadership"],
        "languages": ["en"],
        "capacity": 1,
    },
    "Isaac": {
        "specialties": ["long-term-care"],
        "practice_settings": ["long-term-care"],
        "topics": ["long-term-care", "returning-to-work"],
        "languages": ["en"],
        "capacity": 2,
    },
    "Jada": {
        "specialties": ["immunization"],
        "practice_settings": ["retail-community"],
        "topics": ["first-job", "certification-exam"],
        "languages": ["en"],
        "capacity": 3,
    },
    "Kofi": {
        "specialties": ["supply-chain"],
        "practice_settings": ["hospital-health-system"],
        "topics": ["leadership", "moving-to-hospital", "cpht-adv"],
        "languages": ["en", "fr"],
        "capacity": 2,
        "credentials": ["ptcb-cpht-adv"],
    },
    "Omar": {
        "specialties": ["informatics"],
        "practice_settings": ["hospital-health-system"],
        "topics": ["informatics", "cpht-adv"],
        "languages": ["en", "ar"],
        "capacity": 2,
        "credentials": ["ptcb-cpht-adv"],
    },
    "Priya": {
        "specialties": ["immunization", "medication-therapy-management"],
        "practice_settings": ["retail-community"],
        "topics": ["leadership", "first-job"],
        "languages": ["en"],
        "capacity": 2,
    },
    "Sam": {
        "specialties": ["controlled-substances-diversion", "regulatory-compliance"],
        "practice_settings": ["hospital-health-system"],
        "topics": ["leadership", "moving-to-hospital"],
        "languages": ["en"],
        "capacity": 1,
    },
}

MENTEES: dict[str, dict[str, Any]] = {
    "Ella": {"target_credential": "ptcb-cpht", "topics": ["first-job", "certification-exam"]},
    "Marcus": {"topics": ["first-job", "moving-to-hospital"]},
    "Quinn": {"target_credential": "ptcb-cspt", "specialties": ["sterile-compounding"]},
}


def _hold(user: User, code: str) -> None:
    credential = Credential.objects.filter(code=code).first()
    if credential is not None:
        CredentialHeld.objects.get_or_create(profile=user.profile, credential=credential, state="")


def seed(context: DemoContext) -> None:
    member = context.objects["member"]
    peers = {user.first_name: user for user in context.objects.get("demo_peers", [])}
    if not all(name in peers for name in ("Aiyana", "Dmitri", "Ella")):
        return  # the profiles seeder makes the peers
    now = timezone.now()
    with transaction.atomic():
        for name, offer in MENTORS.items():
            fields = dict(offer)
            for code in fields.pop("credentials", []):
                _hold(peers[name], code)
            enrolment.mentor_offer_save(
                user=peers[name],
                states=[peers[name].profile.state],
                formats=["video", "phone", "messages"],
                about=f"{peers[name].profile.headline}. Happy to talk about how I got here.",
                **fields,
            )
        for name, wants in MENTEES.items():
            enrolment.mentee_wants_save(user=peers[name], **wants)

        # Maria: a mentee working toward CSPT, and a mentor for newer technicians.
        enrolment.mentee_wants_save(
            user=member,
            target_credential="ptcb-cspt",
            specialties=["sterile-compounding", "hazardous-drugs"],
            practice_settings=["hospital-health-system"],
            topics=["cspt", "cpht-adv"],
            outside_employer=True,
            goal="Pass the CSPT this year and work toward CPhT-Adv.",
        )
        enrolment.mentor_offer_save(
            user=member,
            specialties=["sterile-compounding"],
            practice_settings=["hospital-health-system", "retail-community"],
            states=["TX"],
            topics=["first-job", "moving-to-hospital"],
            languages=["en", "es"],
            time_zone="America/Chicago",
            formats=["video", "messages"],
            capacity=2,
            about="Seven years in retail and hospital pharmacy; I moved to the IV room in 2022.",
        )
        mentorship, _ = Mentorship.objects.get_or_create(
            mentor=peers["Aiyana"],
            mentee=member,
            status=Mentorship.Status.ACTIVE,
            defaults={
                "started_at": now - timedelta(days=21),
                "goals": "Pass the CSPT this year and work toward CPhT-Adv.",
            },
        )
        # Agreed in the first week: every two weeks for 30 minutes, for six months.
        Agreement.objects.get_or_create(
            mentorship=mentorship,
            status=Agreement.Status.ACCEPTED,
            defaults={
                "proposed_by": member,
                "goals": mentorship.goals,
                "cadence": Agreement.Cadence.FORTNIGHTLY,
                "meeting_minutes": 30,
                "end_date": (mentorship.started_at + timedelta(days=182)).date(),
                "proposed_at": mentorship.started_at + timedelta(days=2),
                "accepted_at": mentorship.started_at + timedelta(days=3),
            },
        )
        if not MentorshipRequest.objects.filter(
            mentee=member, mentor=peers["Omar"], status=MentorshipRequest.Status.PENDING
        ).exists():
            MentorshipRequest.objects.create(
                mentee=member,
                mentor=peers["Omar"],
                note="I'd like to understand the CPhT-Adv path and informatics roles.",
                created_at=now - timedelta(days=2),
                respond_by=now + timedelta(days=5),
            )
        if not MentorshipRequest.objects.filter(
            mentee=peers["Ella"], mentor=member, status=MentorshipRequest.Status.PENDING
        ).exists():
            MentorshipRequest.objects.create(
                mentee=peers["Ella"],
                mentor=member,
                note="I'm a student in Florida hoping to land my first technician job.",
                created_at=now - timedelta(days=1),
                respond_by=now + timedelta(days=6),
            )
        Bookmark.objects.get_or_create(mentee=member, mentor=peers["Dmitri"])

        # A circle Dmitri runs, with Maria in it and seats left for others.
        circle = Circle.objects.filter(mentor=peers["Dmitri"]).first() or circles.circle_start(
            mentor=peers["Dmitri"],
            name="Sterile compounding starters",
            about="For technicians in their first year in an IV room: questions, USP <797>, "
            "and how to prepare for the CSPT.",
            capacity=6,
        )
        if not CircleMember.objects.filter(circle=circle, mentee=member).exists():
            circles.circle_join(mentee=member, circle=circle)

        # Informational interviews: three members open their roles; Maria's chat with Farah
        # is accepted (so she sees Farah's contact and can log it in her tracker).
        for name, summary, setting in (
            ("Farah", "Inpatient order processing, New York hospital", "hospital-health-system"),
            (
                "Omar",
                "Pharmacy informatics technician, Epic Willow builds",
                "hospital-health-system",
            ),
            ("Gabe", "Mail-order fulfillment lead", "mail-order-central-fill"),
        ):
            interviews.info_offer_save(
                user=peers[name],
                role_summary=summary,
                contact=f"{peers[name].email} (email first)",
                monthly_cap=3,
                practice_setting=setting,
            )
        if not InfoInterviewRequest.objects.filter(requester=member, host=peers["Farah"]).exists():
            InfoInterviewRequest.objects.create(
                requester=member,
                host=peers["Farah"],
                minutes=30,
                agenda=AGENDA_TEMPLATE,
                times="Weekday evenings, Central time",
                status=InfoInterviewRequest.Status.ACCEPTED,
                host_times="Thursday 6 pm Central",
                responded_at=now - timedelta(days=1),
            )

        # A running program: enrolment open, staff can press "match everyone".
        today = timezone.localdate()
        program, _ = Program.objects.update_or_create(
            slug="technician-mentoring-spring-2027",
            defaults={
                "name": "Technician mentoring, spring 2027",
                "organizer": "RxGuild demo association",
                "description": "A twelve-week cohort pairing newer technicians with experienced "
                "ones. Meet at least every two weeks.",
                "agreement_goals": "Meet every two weeks for twelve weeks; agree one concrete "
                "goal at the first check-in and review it at the last.",
                "agreement_months": 3,
                "enrol_opens": today - timedelta(days=7),
                "enrol_closes": today + timedelta(days=21),
            },
        )
        if "staff" in context.objects:
            program.staff.add(context.objects["staff"])
        questions = _program_questionnaire(program)
        for number, name in enumerate(("Carmen", "Dmitri", "Kofi", "Jada")):
            ProgramParticipant.objects.update_or_create(
                program=program,
                user=peers[name],
                role="mentor",
                defaults={"answers": _demo_answers(questions, number)},
            )
        for number, name in enumerate(MENTEES):
            ProgramParticipant.objects.update_or_create(
                program=program,
                user=peers[name],
                role="mentee",
                defaults={"answers": _demo_answers(questions, number)},
            )
    context.summary.append(
        f"Mentoring: {len(MENTORS) + 1} mentors, {len(MENTEES) + 1} mentees; the demo member "
        "has an active mentorship, a request out and one to answer at /mentoring/; a program "
        "open for enrolment (staff manage it at /mentoring/programs/)"
    )


# The running program's questionnaire: a short text, a choice that adds points when mentor
# and mentee share it, one that must match, and a yes/no that only informs staff.
PROGRAM_QUESTIONS: list[dict[str, Any]] = [
    {"label": "What would make these twelve weeks a success for you?", "kind": "text"},
    {
        "label": "Preferred meeting format",
        "kind": "choice",
        "choices": ["Video", "Phone", "In person"],
        "factor": "prefer",
        "weight": 10,
        "required": True,
    },
    {
        "label": "Which shifts can you meet around?",
        "kind": "multiple",
        "choices": ["Days", "Evenings", "Weekends"],
        "factor": "must_match",
        "weight": 5,
        "help_text": "Mentor and mentee share at least one.",
    },
    {"label": "Happy for staff to share your story after the program?", "kind": "yes_no"},
]
DEMO_ANSWERS = (
    ("Landing my first hospital job", "Video", ["Days", "Evenings"], "Yes"),
    ("Passing the CSPT exam", "Phone", ["Evenings"], "No"),
    ("", "Video", ["Days", "Weekends"], "Yes"),
    ("Knowing what to study next", "In person", ["Evenings", "Weekends"], ""),
)


def _program_questionnaire(program: Program) -> list[ProgramQuestion]:
    return [
        ProgramQuestion.objects.update_or_create(
            program=program, position=position, defaults=fields
        )[0]
        for position, fields in enumerate(PROGRAM_QUESTIONS)
    ]


def _demo_answers(questions: list[ProgramQuestion], number: int) -> dict[str, object]:
    picked = DEMO_ANSWERS[number % len(DEMO_ANSWERS)]
    return {str(q.pk): value for q, value in zip(questions, picked, strict=True) if value}
