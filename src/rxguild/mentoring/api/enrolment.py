"""Enrolment: a member's mentor offer and mentee wishes, and leaving either."""

from __future__ import annotations

from datetime import date

from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema

from rxguild.accounts.viewer import signed_in_member
from rxguild.mentoring import access, options
from rxguild.mentoring.models import (
    MenteeWants,
    MentorOffer,
)
from rxguild.mentoring.services import enrolment

router = Router()


class OptionOut(Schema):
    code: str
    name: str


class OptionsOut(Schema):
    topics: list[OptionOut]
    languages: list[OptionOut]
    time_zones: list[OptionOut]
    formats: list[OptionOut]


class MentorOfferIn(Schema):
    specialties: list[str] = Field(default_factory=list, max_length=40)
    practice_settings: list[str] = Field(default_factory=list, max_length=40)
    states: list[str] = Field(default_factory=list, max_length=60)
    topics: list[str] = Field(default_factory=list, max_length=40)
    languages: list[str] = Field(default_factory=list, max_length=20)
    time_zone: str = Field("", max_length=40)
    formats: list[str] = Field(default_factory=list, max_length=4)
    in_person_miles: int | None = Field(None, ge=0, le=10000)
    capacity: int = Field(1, ge=0, le=1000)
    available_from: date | None = None
    available_until: date | None = None
    about: str = Field("", max_length=4000)


class MentorOfferOut(Schema):
    specialties: list[str]
    practice_settings: list[str]
    states: list[str]
    topics: list[str]
    languages: list[str]
    time_zone: str
    formats: list[str]
    in_person_miles: int | None
    capacity: int
    available_from: date | None
    available_until: date | None
    paused: bool
    about: str


class PauseIn(Schema):
    paused: bool


class MenteeWantsIn(Schema):
    target_credential: str = Field("", max_length=60)
    specialties: list[str] = Field(default_factory=list, max_length=40)
    practice_settings: list[str] = Field(default_factory=list, max_length=40)
    topics: list[str] = Field(default_factory=list, max_length=40)
    languages: list[str] = Field(default_factory=list, max_length=20)
    formats: list[str] = Field(default_factory=list, max_length=4)
    outside_employer: bool = False
    same_state: bool = False
    goal: str = Field("", max_length=4000)


class MenteeWantsOut(Schema):
    target_credential: str
    specialties: list[str]
    practice_settings: list[str]
    topics: list[str]
    languages: list[str]
    formats: list[str]
    outside_employer: bool
    same_state: bool
    goal: str


class LeaveOut(Schema):
    requests_withdrawn: int
    close_requested: int


def _offer_out(offer: MentorOffer) -> MentorOfferOut:
    return MentorOfferOut(
        specialties=sorted(s.code for s in offer.specialties.all()),
        practice_settings=sorted(s.code for s in offer.practice_settings.all()),
        states=offer.states,
        topics=offer.topics,
        languages=offer.languages,
        time_zone=offer.time_zone,
        formats=offer.formats,
        in_person_miles=offer.in_person_miles,
        capacity=offer.capacity,
        available_from=offer.available_from,
        available_until=offer.available_until,
        paused=offer.paused,
        about=offer.about,
    )


def _wants_out(wants: MenteeWants) -> MenteeWantsOut:
    return MenteeWantsOut(
        target_credential=wants.target_credential.code if wants.target_credential else "",
        specialties=sorted(s.code for s in wants.specialties.all()),
        practice_settings=sorted(s.code for s in wants.practice_settings.all()),
        topics=wants.topics,
        languages=wants.languages,
        formats=wants.formats,
        outside_employer=wants.outside_employer,
        same_state=wants.same_state,
        goal=wants.goal,
    )


def _as_options(names: dict[str, str]) -> list[OptionOut]:
    return [OptionOut(code=code, name=name) for code, name in names.items()]


@router.get("/options", response=OptionsOut, summary="Topics, languages, time zones, formats")
def options_list(request: HttpRequest) -> OptionsOut:
    return OptionsOut(
        topics=_as_options(options.topics()),
        languages=_as_options(options.languages()),
        time_zones=_as_options(options.time_zones()),
        formats=_as_options(options.FORMATS),
    )


@router.get("/me/mentor", response=MentorOfferOut, summary="My mentor offer (404 if none)")
def mentor_offer_get(request: HttpRequest) -> MentorOfferOut:
    offer = access.mentor_offer_for_owner(request.user)
    if offer is None:
        raise Http404
    return _offer_out(offer)


@router.put("/me/mentor", response=MentorOfferOut, summary="Enrol as a mentor or edit the offer")
def mentor_offer_put(request: HttpRequest, payload: MentorOfferIn) -> MentorOfferOut:
    offer = enrolment.mentor_offer_save(user=signed_in_member(request.user), **payload.dict())
    return _offer_out(offer)


@router.post("/me/mentor/pause", response=MentorOfferOut, summary="Pause or resume requests")
def mentor_offer_pause(request: HttpRequest, payload: PauseIn) -> MentorOfferOut:
    offer = access.mentor_offer_for_owner(request.user)
    if offer is None:
        raise Http404
    return _offer_out(enrolment.mentor_offer_pause(offer=offer, paused=payload.paused))


@router.delete("/me/mentor", response=LeaveOut, summary="Leave as a mentor")
def mentor_offer_leave(request: HttpRequest) -> LeaveOut:
    if access.mentor_offer_for_owner(request.user) is None:
        raise Http404
    outcome = enrolment.mentor_offer_leave(user=signed_in_member(request.user))
    return LeaveOut(
        requests_withdrawn=outcome.requests_withdrawn, close_requested=outcome.close_requested
    )


@router.get("/me/mentee", response=MenteeWantsOut, summary="What I look for as a mentee")
def mentee_wants_get(request: HttpRequest) -> MenteeWantsOut:
    wants = access.mentee_wants_for_owner(request.user)
    if wants is None:
        raise Http404
    return _wants_out(wants)


@router.put("/me/mentee", response=MenteeWantsOut, summary="Enrol as a mentee or edit")
def mentee_wants_put(request: HttpRequest, payload: MenteeWantsIn) -> MenteeWantsOut:
    return _wants_out(
        enrolment.mentee_wants_save(user=signed_in_member(request.user), **payload.dict())
    )


@router.delete("/me/mentee", response=LeaveOut, summary="Leave as a mentee")
def mentee_wants_leave(request: HttpRequest) -> LeaveOut:
    if access.mentee_wants_for_owner(request.user) is None:
        raise Http404
    outcome = enrolment.mentee_wants_leave(user=signed_in_member(request.user))
    return LeaveOut(
        requests_withdrawn=outcome.requests_withdrawn, close_requested=outcome.close_requested
    )
