"""Who may see or change what in mentoring: the one place that decides.

- An enrolment (mentor offer, mentee wants) is its owner's to see whole and change. Others see
  a mentor only through the directory and recommendations, which leave out anyone in a block
  with the viewer (either side), inactive accounts and paused or full mentors.
- A request is seen by its two members only; the mentor answers it, the mentee withdraws it.
- A mentorship is seen and changed by its two members only, and so are its check-ins (and
  their .ics) and its agreement; a proposal is accepted by the member who did not make it.
  A note is its author's alone unless they share it with the other member.
- An informational-interview request is seen by its two members; the host's contact details
  reach the requester only once accepted (`may_see_host_contact`).
- A circle is seen by every member except where its mentor and the viewer are in a block
  (either way); who is in it is seen by its mentor and members only, and its discussion is
  its community group's (invite-only: members only, community's GroupAccess decides).
- A circle invitation is seen by its mentor and the member invited only, and not across a
  block either way; only the member invited answers it.
- A program is seen by every member; its staff (or site staff) manage it (ProgramAccess).
Anything else is a plain 404, so nobody learns that a request or mentorship exists; views, the
API and templates ask here and never fetch a mentoring object by id themselves.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from rxguild.accounts.models import Role, User
from rxguild.accounts.viewer import Viewer
from rxguild.community.selectors.connections import is_blocked_between
from rxguild.mentoring.models import (
    Agreement,
    CheckIn,
    Circle,
    CircleInvitation,
    CircleMember,
    InfoInterviewOffer,
    InfoInterviewRequest,
    MenteeWants,
    MentorOffer,
    Mentorship,
    MentorshipRequest,
    Program,
    ProgramPair,
    ProgramQuestion,
)


def _signed_in(viewer: Viewer | None) -> bool:
    return viewer is not None and viewer.is_authenticated


def _member(viewer: Viewer | None) -> User | None:
    return viewer if isinstance(viewer, User) and viewer.is_authenticated else None


def signed_in_member(viewer: Viewer) -> User:
    """The viewer as a member; pages are behind login_required, the API behind its auth."""
    member = _member(viewer)
    if member is None:
        raise PermissionDenied("Sign in first.")
    return member


def mentor_offer_for_owner(viewer: Viewer) -> MentorOffer | None:
    member = _member(viewer)
    if member is None:
        return None
    return MentorOffer.objects.filter(user=member).first()


def mentee_wants_for_owner(viewer: Viewer) -> MenteeWants | None:
    member = _member(viewer)
    if member is None:
        return None
    return MenteeWants.objects.filter(user=member).select_related("target_credential").first()


def mentor_offer_get_for_viewer(viewer: Viewer, mentor_id: int) -> MentorOffer:
    """A mentor as another member sees them in the directory: an active account, enrolled,
    and no block between them either way. Paused or full mentors are still shown here (a
    bookmark may point at them); requests check availability themselves."""
    if not _signed_in(viewer):
        raise Http404("No such mentor.")
    offer = (
        MentorOffer.objects.select_related("user__profile")
        .filter(user_id=mentor_id, user__is_active=True)
        .first()
    )
    if offer is None:
        raise Http404("No such mentor.")
    if offer.user_id != viewer.pk and is_blocked_between(viewer, offer.user):
        raise Http404("No such mentor.")
    return offer


def _participant(viewer: Viewer) -> Q:
    return Q(mentor_id=viewer.pk) | Q(mentee_id=viewer.pk)


def request_get_for_participant(viewer: Viewer, request_id: int) -> MentorshipRequest:
    if not _signed_in(viewer):
        raise Http404("No such request.")
    request = (
        MentorshipRequest.objects.select_related("mentor__profile", "mentee__profile")
        .filter(_participant(viewer), pk=request_id)
        .first()
    )
    if request is None:
        raise Http404("No such request.")
    return request


def mentorship_get_for_participant(viewer: Viewer, mentorship_id: int) -> Mentorship:
    if not _signed_in(viewer):
        raise Http404("No such mentorship.")
    mentorship = (
        Mentorship.objects.select_related("mentor__profile", "mentee__profile")
        .filter(_participant(viewer), pk=mentorship_id)
        .first()
    )
    if mentorship is None:
        raise Http404("No such mentorship.")
    return mentorship


def may_answer_request(viewer: Viewer, request: MentorshipRequest) -> bool:
    return request.mentor_id == viewer.pk and request.status == MentorshipRequest.Status.PENDING


def may_rematch(viewer: Viewer, mentorship: Mentorship) -> bool:
    """The mentee of a mentorship that ended (completed or withdrawn; a pause is not an end)
    is offered the next best mentors from its page."""
    return mentorship.mentee_id == viewer.pk and mentorship.status in (
        Mentorship.Status.COMPLETED,
        Mentorship.Status.WITHDRAWN,
    )


def may_withdraw_request(viewer: Viewer, request: MentorshipRequest) -> bool:
    return request.mentee_id == viewer.pk and request.status == MentorshipRequest.Status.PENDING


@dataclass(frozen=True)
class ProgramAccess:
    """What a viewer may do with a program. Members see every program and join while it
    enrols; its staff (or site staff) manage it and see its participants' program data (their
    enrolment as the program matches on it, answers, the proposal), never their requests,
    messages or ratings."""

    program: Program
    can_join: bool
    can_manage: bool


def is_site_staff(viewer: Viewer) -> bool:
    member = _member(viewer)
    return member is not None and member.has_role(Role.STAFF)


def program_access(viewer: Viewer, program: Program) -> ProgramAccess:
    member = _member(viewer)
    manages = member is not None and (
        is_site_staff(member) or program.staff.filter(pk=member.pk).exists()
    )
    return ProgramAccess(
        program=program,
        can_join=member is not None and program.is_enrolling_on(timezone.localdate()),
        can_manage=manages,
    )


def program_get_for_viewer(viewer: Viewer, slug: str) -> ProgramAccess:
    if _member(viewer) is None:
        raise Http404("No such program.")
    program = Program.objects.filter(slug=slug).first()
    if program is None:
        raise Http404("No such program.")
    return program_access(viewer, program)


def program_get_for_manager(viewer: Viewer, slug: str) -> ProgramAccess:
    """A program its viewer manages; a 404 for everyone else."""
    program_access_ = program_get_for_viewer(viewer, slug)
    if not program_access_.can_manage:
        raise Http404("No such program.")
    return program_access_


def program_pair_get_for_manager(viewer: Viewer, pair_id: int) -> ProgramPair:
    pair = ProgramPair.objects.select_related("program").filter(pk=pair_id).first()
    if pair is None or not program_access(viewer, pair.program).can_manage:
        raise Http404("No such pair.")
    return pair


def program_question_get_for_manager(
    viewer: Viewer, program: Program, question_id: int
) -> ProgramQuestion | None:
    """A question of a program its viewer manages (None for no id: a new one); a 404 for a
    question of another program and for everyone who does not manage this one."""
    if not program_access(viewer, program).can_manage:
        raise Http404("No such program.")
    if not question_id:
        return None
    question = ProgramQuestion.objects.filter(program=program, pk=question_id).first()
    if question is None:
        raise Http404("No such question.")
    return question


def info_offer_get_for_viewer(viewer: Viewer, host_id: int) -> InfoInterviewOffer:
    """An open informational-interview offer of an active member with no block either way."""
    member = _member(viewer)
    offer = (
        InfoInterviewOffer.objects.select_related("user__profile", "practice_setting")
        .filter(user_id=host_id, user__is_active=True, is_open=True)
        .first()
    )
    if member is None or offer is None:
        raise Http404("No such member.")
    if offer.user_id != member.pk and is_blocked_between(member, offer.user):
        raise Http404("No such member.")
    return offer


def info_request_get_for_participant(viewer: Viewer, request_id: int) -> InfoInterviewRequest:
    member = _member(viewer)
    if member is None:
        raise Http404("No such request.")
    request = (
        InfoInterviewRequest.objects.select_related("requester__profile", "host__profile")
        .filter(Q(requester=member) | Q(host=member), pk=request_id)
        .first()
    )
    if request is None:
        raise Http404("No such request.")
    return request


def may_see_host_contact(viewer: Viewer, request: InfoInterviewRequest) -> bool:
    """The host's contact details reach the requester only once the host accepted."""
    return (
        request.requester_id == viewer.pk and request.status == InfoInterviewRequest.Status.ACCEPTED
    )


def check_in_get_for_participant(viewer: Viewer, check_in_id: int) -> CheckIn:
    member = _member(viewer)
    check_in = (
        CheckIn.objects.select_related("mentorship__mentor__profile", "mentorship__mentee__profile")
        .filter(pk=check_in_id)
        .first()
    )
    if member is None or check_in is None:
        raise Http404("No such check-in.")
    if member.pk not in (check_in.mentorship.mentor_id, check_in.mentorship.mentee_id):
        raise Http404("No such check-in.")
    return check_in


def notes_visible_to(viewer: Viewer, mentorship: Mentorship) -> Q:
    """A member sees their own notes and the other member's shared ones."""
    return Q(mentorship=mentorship) & (Q(author_id=viewer.pk) | Q(shared=True))


def agreement_get_for_participant(viewer: Viewer, agreement_id: int) -> Agreement:
    member = _member(viewer)
    agreement = (
        Agreement.objects.select_related("mentorship__mentor", "mentorship__mentee", "proposed_by")
        .filter(pk=agreement_id)
        .first()
    )
    if member is None or agreement is None:
        raise Http404("No such agreement.")
    if member.pk not in (agreement.mentorship.mentor_id, agreement.mentorship.mentee_id):
        raise Http404("No such agreement.")
    return agreement


def may_accept_agreement(viewer: Viewer, agreement: Agreement) -> bool:
    """The member who did not propose it (nor accepted it already, when a program proposed
    it), while it is pending and the mentorship open."""
    mentorship = agreement.mentorship
    return (
        agreement.status == Agreement.Status.PROPOSED
        and mentorship.is_open
        and viewer.pk in (mentorship.mentor_id, mentorship.mentee_id)
        and viewer.pk not in (agreement.proposed_by_id, agreement.agreed_by_id)
    )


@dataclass(frozen=True)
class CircleAccess:
    """What a viewer may do with a circle."""

    circle: Circle
    is_mentor: bool
    is_member: bool
    seats_left: int

    @property
    def can_see_members(self) -> bool:
        return self.is_mentor or self.is_member

    @property
    def can_join(self) -> bool:
        return (
            not self.is_mentor
            and not self.is_member
            and self.seats_left > 0
            and self.circle.status == Circle.Status.OPEN
        )


def circle_get_for_viewer(viewer: Viewer, circle_id: int) -> CircleAccess:
    member = _member(viewer)
    circle = (
        Circle.objects.select_related("mentor__profile", "group")
        .filter(pk=circle_id, mentor__is_active=True)
        .first()
    )
    if member is None or circle is None:
        raise Http404("No such circle.")
    if circle.mentor_id != member.pk and is_blocked_between(member, circle.mentor):
        raise Http404("No such circle.")
    seats = list(CircleMember.objects.filter(circle=circle).values_list("mentee_id", flat=True))
    return CircleAccess(
        circle=circle,
        is_mentor=circle.mentor_id == member.pk,
        is_member=member.pk in seats,
        seats_left=max(0, circle.capacity - len(seats)),
    )


def circle_invitation_get_for_viewer(viewer: Viewer, invitation_id: int) -> CircleInvitation:
    """An invitation for its circle's mentor or the member invited; 404 for anyone else, or
    across a block either way (one query, two with the block check)."""
    member = _member(viewer)
    invitation = (
        CircleInvitation.objects.select_related(
            "circle__mentor__profile", "circle__group", "invitee__profile"
        )
        .filter(pk=invitation_id, circle__mentor__is_active=True, invitee__is_active=True)
        .first()
    )
    if member is None or invitation is None:
        raise Http404("No such invitation.")
    if member.pk not in (invitation.invitee_id, invitation.circle.mentor_id):
        raise Http404("No such invitation.")
    if is_blocked_between(invitation.invitee, invitation.circle.mentor):
        raise Http404("No such invitation.")
    return invitation
