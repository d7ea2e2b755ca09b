"""Programs: joining a cohort, "match everyone", staff edits of the proposal, publishing.

Only the program's staff (or site staff) change a proposal or publish (access.program_access
decides; these functions check again). The proposal is the optimal assignment of
mentoring/assignment.py (maximum total score under capacities, a min-cost flow) over the
participants' enrolments and their answers to the program's questionnaire, with the
program's own weights (its matching questions among them); pairs staff fixed by hand are kept
on a re-run. Publishing starts one mentorship per pair, counting each mentor's seats under the
same lock as a self-match accept, proposes the program's agreement to each on the program's
behalf (both members accept it, or propose changes), and tells both (in the app and by email).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from rxguild.accounts.models import User
from rxguild.community.models import NotificationKind
from rxguild.core.human_dates import human_date
from rxguild.mentoring import access, assignment, matching, records
from rxguild.mentoring.models import (
    MEETING_MINUTES,
    Agreement,
    MenteeWants,
    MentorOffer,
    Mentorship,
    Program,
    ProgramPair,
    ProgramParticipant,
    ProgramQuestion,
)
from rxguild.mentoring.notices import name_of, tell
from rxguild.mentoring.selectors import default_weights
from rxguild.mentoring.services.agreements import GOALS_MAX, agreement_propose_for_program
from rxguild.mentoring.services.questionnaire import answer_codes, answers_clean, question_factors


def program_weights(
    program: Program, questions: list[ProgramQuestion] | None = None
) -> matching.Weights:
    """The program's weights over the defaults, with its matching questions."""
    weights = default_weights()
    if program.weights:
        weights = matching.Weights.from_mapping({**weights.as_dict(), **program.weights})
    if questions is None:
        questions = list(ProgramQuestion.objects.filter(program=program))
    return replace(weights, questions=question_factors(questions))


def _require_manager(program: Program, actor: User) -> None:
    if not access.program_access(actor, program).can_manage:
        raise PermissionDenied("Only the program's staff can do this.")


@transaction.atomic
def program_join(
    *, program: Program, user: User, role: str, answers: Mapping[str, object] | None = None
) -> ProgramParticipant:
    """Join (or, joined already, change the answers); `answers` is {question id: text, a
    choice, or a list of choices}, checked against the questionnaire before anything is
    saved."""
    if role not in ProgramParticipant.Role.values:
        raise ValidationError({"role": "Join as a mentor or a mentee."})
    if not program.is_enrolling_on(timezone.localdate()):
        raise ValidationError("Enrolment in this program is closed.")
    if role == "mentor" and not MentorOffer.objects.filter(user=user).exists():
        raise ValidationError("Enrol as a mentor first; the program matches on your mentor offer.")
    if role == "mentee" and not MenteeWants.objects.filter(user=user).exists():
        raise ValidationError("Say what you are looking for first; the program matches on it.")
    cleaned = answers_clean(list(ProgramQuestion.objects.filter(program=program)), answers or {})
    participant, created = ProgramParticipant.objects.get_or_create(
        program=program, user=user, role=role, defaults={"answers": cleaned}
    )
    if not created:
        participant.answers = cleaned
        participant.save(update_fields=["answers"])
    return participant


@transaction.atomic
def program_leave(*, program: Program, user: User, role: str) -> None:
    if program.status == Program.Status.PUBLISHED:
        raise ValidationError("Matches are published: close your mentorship instead.")
    ProgramParticipant.objects.filter(program=program, user=user, role=role).delete()
    side = {"mentor": user} if role == "mentor" else {"mentee": user}
    ProgramPair.objects.filter(program=program, **side).delete()


def _participants(
    program: Program, questions: list[ProgramQuestion]
) -> tuple[list[matching.Mentee], list[matching.Mentor]]:
    """The participants as the engine sees them, each with their questionnaire answers."""
    rows = list(ProgramParticipant.objects.filter(program=program).select_related("user__profile"))
    answers = {(r.user_id, r.role): answer_codes(questions, r.answers) for r in rows}
    mentor_ids = [r.user_id for r in rows if r.role == "mentor" and r.user.is_active]
    offers = records.mentor_offers(only=mentor_ids)
    mentors = [
        replace(m, answers=answers[(m.id, "mentor")]) for m in records.mentor_records(offers)
    ]
    wants = {
        w.user_id: w
        for w in MenteeWants.objects.filter(
            user_id__in=[r.user_id for r in rows if r.role == "mentee" and r.user.is_active]
        )
        .select_related("target_credential")
        .prefetch_related("specialties", "practice_settings")
    }
    users = {r.user_id: r.user for r in rows}
    mentees = [
        replace(records.mentee_record(w, user=users[user_id]), answers=answers[(user_id, "mentee")])
        for user_id, w in wants.items()
    ]
    return mentees, mentors


@transaction.atomic
def program_match_everyone(*, program: Program, actor: User) -> assignment.Proposal:
    """Replace the program's proposal (keeping staff-fixed pairs) with a fresh assignment."""
    _require_manager(program, actor)
    program = Program.objects.select_for_update().get(pk=program.pk)
    if program.status == Program.Status.PUBLISHED:
        raise ValidationError("Matches are already published.")
    questions = list(ProgramQuestion.objects.filter(program=program))
    mentees, mentors = _participants(program, questions)
    weights = program_weights(program, questions)
    fixed = [
        assignment.Pair(mentee_id=p.mentee_id, mentor_id=p.mentor_id, score=p.score)
        for p in ProgramPair.objects.filter(program=program, fixed=True)
    ]
    proposal = assignment.assign_optimal(mentees, mentors, weights, fixed=fixed)
    explained = assignment.explain_pairs(proposal, mentees, mentors, weights, records.labels())
    fixed_ids = {p.mentee_id for p in fixed}
    ProgramPair.objects.filter(program=program, fixed=False).delete()
    new_rows = []
    for pair in proposal.pairs:
        if pair.mentee_id in fixed_ids:
            continue
        match = explained.get(pair.mentee_id)
        new_rows.append(
            ProgramPair(
                program=program,
                mentor_id=pair.mentor_id,
                mentee_id=pair.mentee_id,
                score=pair.score,
                reasons=[r.text for r in match.reasons] if match else [],
            )
        )
    ProgramPair.objects.bulk_create(new_rows)
    program.unmatched = {str(u.mentee_id): u.why for u in proposal.unmatched}
    program.status = Program.Status.MATCHING
    program.save(update_fields=["unmatched", "status"])
    return proposal


@transaction.atomic
def program_pair_fix(*, pair: ProgramPair, actor: User, fixed: bool) -> ProgramPair:
    _require_manager(pair.program, actor)
    pair.fixed = fixed
    pair.save(update_fields=["fixed"])
    return pair


@transaction.atomic
def program_pair_remove(*, pair: ProgramPair, actor: User) -> None:
    _require_manager(pair.program, actor)
    program = pair.program
    pair.delete()
    program.unmatched = {**program.unmatched, str(pair.mentee_id): "taken out by staff"}
    program.save(update_fields=["unmatched"])


@transaction.atomic
def program_pair_set(
    *, program: Program, actor: User, mentee_id: int, mentor_id: int
) -> ProgramPair:
    """Staff pair a mentee with a mentor by hand (a swap is a remove and a set). The hard
    constraints still hold: nobody is paired across a block or beyond a mentor's seats."""
    _require_manager(program, actor)
    if program.status == Program.Status.PUBLISHED:
        raise ValidationError("Matches are already published.")
    questions = list(ProgramQuestion.objects.filter(program=program))
    mentees, mentors = _participants(program, questions)
    weights = program_weights(program, questions)
    mentee = next((m for m in mentees if m.id == mentee_id), None)
    mentor = next((m for m in mentors if m.id == mentor_id), None)
    if mentee is None or mentor is None:
        raise ValidationError("Choose a mentee and a mentor who are in this program.")
    taken = ProgramPair.objects.filter(program=program, mentor_id=mentor_id).exclude(
        mentee_id=mentee_id
    )
    mentor = replace(mentor, load=mentor.load + taken.count())
    problem = matching.exclusion(mentee, mentor, weights.questions)
    if problem is not None:
        raise ValidationError(f"That pair can't be made: the mentor {problem}.")
    match = matching.explain(
        mentee, matching.Mentor(**{**mentor.__dict__, "load": 0}), weights, records.labels()
    )
    pair, _ = ProgramPair.objects.update_or_create(
        program=program,
        mentee_id=mentee_id,
        defaults={
            "mentor_id": mentor_id,
            "score": match.score if match else 0.0,
            "reasons": [r.text for r in match.reasons] if match else ["paired by staff"],
            "fixed": True,
        },
    )
    program.unmatched = {k: v for k, v in program.unmatched.items() if k != str(mentee_id)}
    program.save(update_fields=["unmatched"])
    return pair


@transaction.atomic
def program_publish(*, program: Program, actor: User) -> int:
    """Start a mentorship for every pair, propose the program's agreement to it and tell both
    members; returns how many started. A pair whose mentor filled their seats meanwhile (a
    self-match accept) is left out and stays listed as unmatched."""
    _require_manager(program, actor)
    program = Program.objects.select_for_update().get(pk=program.pk)
    if program.status == Program.Status.PUBLISHED:
        raise ValidationError("Matches are already published.")
    pairs = list(ProgramPair.objects.filter(program=program).select_related("mentor", "mentee"))
    if not pairs:
        raise ValidationError("There is nothing to publish: run \u201cmatch everyone\u201d first.")
    now = timezone.now()
    started = 0
    unmatched = dict(program.unmatched)
    offers = {
        o.user_id: o
        for o in MentorOffer.objects.select_for_update().filter(
            user_id__in=[p.mentor_id for p in pairs]
        )
    }
    for pair in pairs:
        offer = offers.get(pair.mentor_id)
        open_now = Mentorship.objects.filter(
            mentor_id=pair.mentor_id, status__in=Mentorship.OPEN_STATUSES
        )
        if offer is None or open_now.count() >= offer.capacity:
            unmatched[str(pair.mentee_id)] = "the mentor's seats filled before publishing"
            continue
        if open_now.filter(mentee_id=pair.mentee_id).exists():
            continue
        mentorship = Mentorship.objects.create(
            mentor_id=pair.mentor_id, mentee_id=pair.mentee_id, program=program, started_at=now
        )
        agreement = agreement_propose_for_program(mentorship=mentorship, program=program)
        started += 1
        path = reverse("mentoring:mentorship", args=[mentorship.pk])
        for recipient, other in ((pair.mentee, pair.mentor), (pair.mentor, pair.mentee)):
            tell(
                recipient=recipient,
                kind=NotificationKind.MENTORING_AGREEMENT,
                text=f"{program.name} paired you with {name_of(other)}: accept the agreement "
                "it proposes, or propose changes.",
                subject=f"Your match in {program.name}",
                lines=[
                    f"{program.organizer} matched you with {name_of(other)}.",
                    f"{program.name} proposes your agreement: "
                    f"{agreement.get_cadence_display().lower()}, {agreement.meeting_minutes} "
                    f"minutes, until {human_date(agreement.end_date)}. Both of you accept it, "
                    "or propose changes.",
                ],
                path=path,
            )
    program.status = Program.Status.PUBLISHED
    program.published_at = now
    program.unmatched = unmatched
    program.save(update_fields=["status", "published_at", "unmatched"])
    return started


@transaction.atomic
def program_agreement_defaults_save(
    *, program: Program, actor: User, goals: str, cadence: str, meeting_minutes: int, months: int
) -> Program:
    """The agreement the program proposes to every pair it starts."""
    _require_manager(program, actor)
    if program.status == Program.Status.PUBLISHED:
        raise ValidationError("Matches are published: their agreements are proposed already.")
    errors: dict[str, str] = {}
    goals = goals.strip()
    if len(goals) > GOALS_MAX:
        errors["agreement_goals"] = f"Keep the goals under {GOALS_MAX:,} characters."
    if cadence not in Agreement.Cadence.values:
        errors["agreement_cadence"] = "Choose every week, every two weeks or every month."
    if meeting_minutes not in MEETING_MINUTES:
        errors["agreement_meeting_minutes"] = "Choose 15, 30, 45 or 60 minutes."
    if not 1 <= months <= 24:
        errors["agreement_months"] = "Choose 1 to 24 months."
    if errors:
        raise ValidationError(errors)
    program.agreement_goals, program.agreement_cadence = goals, cadence
    program.agreement_meeting_minutes, program.agreement_months = meeting_minutes, months
    program.save(
        update_fields=[
            "agreement_goals",
            "agreement_cadence",
            "agreement_meeting_minutes",
            "agreement_months",
        ]
    )
    return program
