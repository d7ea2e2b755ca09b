"""Community: connections, groups and discussions, events with RSVP, direct messages,
moderation and notifications. Logic lives in `services/` and `selectors/`; these are rows."""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models.deletion import Collector
from django.utils import timezone

from rxguild.catalog.models import Specialization
from rxguild.core.deletion import keep_shared

USER = settings.AUTH_USER_MODEL


# --- connections ---------------------------------------------------------------------------
class Connection(models.Model):
    """A request from one member to another; once accepted it links both ways."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        ACCEPTED = "accepted", "Connected"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Withdrawn"

    from_user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    to_user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["from_user", "to_user"], name="unique_connection_pair"),
            models.CheckConstraint(
                condition=~models.Q(from_user=models.F("to_user")), name="connection_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_user_id}→{self.to_user_id} {self.status}"


class Follow(models.Model):
    follower = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    followed = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["follower", "followed"], name="unique_follow")
        ]

    def __str__(self) -> str:
        return f"{self.follower_id} follows {self.followed_id}"


class Block(models.Model):
    """A block hides each member from the other: no requests, messages, directory or feed."""

    blocker = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    blocked = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["blocker", "blocked"], name="unique_block")]

    def __str__(self) -> str:
        return f"{self.blocker_id} blocks {self.blocked_id}"


# --- groups and discussions ----------------------------------------------------------------
class Group(models.Model):
    class Kind(models.TextChoices):
        STATE = "state", "State association or chapter"
        SPECIALTY = "specialty", "Specialty circle"
        COHORT = "cohort", "Training cohort"
        OTHER = "other", "Other"

    class Visibility(models.TextChoices):
        PUBLIC = "public", "Public: anyone can read, members can join"
        MEMBERS = "members", "Members-only: only members of the group can read; anyone can join"
        INVITE = "invite", "Invite-only: hidden from non-members; join by invitation"

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120)
    description = models.TextField(max_length=4000, blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.OTHER)
    state = models.CharField(max_length=2, blank=True)
    specialization = models.ForeignKey(
        Specialization, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    visibility = models.CharField(
        max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    class Role(models.TextChoices):
        OWNER = "owner", "Owner"
        MODERATOR = "moderator", "Moderator"
        MEMBER = "member", "Member"

    class Status(models.TextChoices):
        ACTIVE = "active", "Member"
        INVITED = "invited", "Invited"

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="group_memberships")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    invited_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="unique_group_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.group_id} ({self.role}, {self.status})"

    @property
    def can_moderate(self) -> bool:
        return self.status == self.Status.ACTIVE and self.role in (
            self.Role.OWNER,
            self.Role.MODERATOR,
        )


def keep_topic_with_others_replies(
    collector: Collector, field: Any, sub_objs: models.QuerySet[Any], using: str
) -> None:
    """on_delete of Post.author: the member's posts go, except a topic others replied to,
    which stays without its author, title or body, so the replies keep their thread."""
    others = Post.objects.filter(parent=models.OuterRef("pk")).exclude(
        author=models.OuterRef("author")
    )
    keep_shared(
        collector,
        field,
        sub_objs,
        using,
        shared=models.Exists(others),
        blank={"title": "", "body": ""},
    )


class Post(models.Model):
    """A topic (discussion, question or article) or, with a parent, a reply to one.

    Threading is one level deep on purpose: replies to replies attach to the topic.
    A post without a group is one the member shared on their own profile.
    """

    class Kind(models.TextChoices):
        DISCUSSION = "discussion", "Discussion"
        QUESTION = "question", "Question"
        ARTICLE = "article", "Article"
        REPLY = "reply", "Reply"

    class Status(models.TextChoices):
        VISIBLE = "visible", "Visible"
        HIDDEN = "hidden", "Hidden by a moderator"
        REMOVED = "removed", "Removed"

    group = models.ForeignKey(
        Group, null=True, blank=True, on_delete=models.CASCADE, related_name="posts"
    )
    # A topic other members replied to outlives its author, emptied (their replies stay).
    author = models.ForeignKey(
        USER,
        null=True,
        on_delete=keep_topic_with_others_replies,
        related_name="community_posts",
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.DISCUSSION)
    title = models.CharField(max_length=200, blank=True)
    body = models.TextField(max_length=20000)
    is_pinned = models.BooleanField(default=False)
    accepted_answer = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.VISIBLE)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["group", "parent", "-created_at"])]

    def __str__(self) -> str:
        return self.title or f"Reply {self.pk}"

    @property
    def is_topic(self) -> bool:
        return self.parent_id is None

    @property
    def heading(self) -> str:
        """The topic's title, or what pages say of one emptied with its author's account."""
        if self.author_id is None and not self.title:
            return "A topic whose author deleted their account"
        return self.title


class Mention(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="mentions")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "user"], name="unique_mention")]

    def __str__(self) -> str:
        return f"{self.user_id} mentioned in {self.post_id}"


class Reaction(models.Model):
    class Kind(models.TextChoices):
        LIKE = "like", "Like"
        HELPFUL = "helpful", "Helpful"
        THANKS = "thanks", "Thanks"

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "user", "kind"], name="unique_reaction")
        ]

    def __str__(self) -> str:
        return f"{self.kind} by {self.user_id} on {self.post_id}"


def keep_event_with_others_rsvps(
    collector: Collector, field: Any, sub_objs: models.QuerySet[Any], using: str
) -> None:
    """on_delete of Event.organizer: the member's events go, except one another member
    answered, which stays (organizer: a former member) with everyone's RSVPs."""
    others = Rsvp.objects.filter(event=models.OuterRef("pk")).exclude(
        user=models.OuterRef("organizer")
    )
    keep_shared(collector, field, sub_objs, using, shared=models.Exists(others))


# --- events --------------------------------------------------------------------------------
def new_event_uid() -> str:
    # The iCalendar UID: stable across edits, so calendars update the event in place.
    return secrets.token_hex(16)


class Event(models.Model):
    class Format(models.TextChoices):
        IN_PERSON = "in_person", "In person"
        ONLINE = "online", "Online"

    class Visibility(models.TextChoices):
        PUBLIC = "public", "Public"
        MEMBERS = "members", "Signed-in members (group members for a group's event)"
        INVITE = "invite", "Invite-only"

    group = models.ForeignKey(
        Group, null=True, blank=True, on_delete=models.CASCADE, related_name="events"
    )
    # An event others signed up for outlives its organizer (their RSVPs stay).
    organizer = models.ForeignKey(
        USER, null=True, on_delete=keep_event_with_others_rsvps, related_name="+"
    )
    title = models.CharField(max_length=200)
    description = models.TextField(max_length=8000, blank=True)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    time_zone = models.CharField(max_length=60, default="America/New_York")
    format = models.CharField(max_length=10, choices=Format.choices, default=Format.ONLINE)
    address = models.CharField(max_length=300, blank=True)
    online_url = models.URLField(max_length=500, blank=True)
    capacity = models.PositiveIntegerField(null=True, blank=True, help_text="Empty: no limit.")
    visibility = models.CharField(
        max_length=10, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    acpe_uan = models.CharField("ACPE UAN", max_length=30, blank=True)
    ce_hours = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    provider_name = models.CharField(max_length=200, blank=True)
    uid = models.CharField(max_length=40, unique=True, default=new_event_uid)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at"]

    def __str__(self) -> str:
        return self.title


class EventInvitation(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="unique_event_invitation")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} invited to {self.event_id}"


class Rsvp(models.Model):
    class Status(models.TextChoices):
        GOING = "going", "Going"
        WAITLISTED = "waitlisted", "On the waitlist"
        CANCELLED = "cancelled", "Cancelled"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="rsvps")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="community_rsvps")
    status = models.CharField(max_length=10, choices=Status.choices)
    # The waitlist is first come, first served: ordered by when the member asked.
    requested_at = models.DateTimeField(default=timezone.now)
    attended_confirmed_at = models.DateTimeField(null=True, blank=True)
    ce_record_id = models.PositiveIntegerField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="unique_rsvp")]
        indexes = [models.Index(fields=["event", "status", "requested_at"])]

    def __str__(self) -> str:
        return f"{self.user_id} {self.status} for {self.event_id}"


class CalendarToken(models.Model):
    """The secret in a member's personal events feed URL (calendar apps can't sign in)."""

    user = models.OneToOneField(USER, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=64, unique=True, default=secrets.token_urlsafe)

    def __str__(self) -> str:
        return f"calendar feed of {self.user_id}"


# --- messages ------------------------------------------------------------------------------
class Message(models.Model):
    class Status(models.TextChoices):
        VISIBLE = "visible", "Visible"
        HIDDEN = "hidden", "Hidden by a moderator"

    # What a member sent goes with them; what others sent them stays with its sender.
    sender = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    recipient = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField(max_length=5000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.VISIBLE)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # Set once the recipient has been told by email (one batched notice, never one per message).
    notice_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return f"message {self.pk} from {self.sender_id} to {self.recipient_id}"


class MessageRequest(models.Model):
    """A first message to a member who is not a connection: it waits for the recipient to
    accept (the conversation opens with it) or decline (the sender is not told)."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for an answer"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Withdrawn"

    sender = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    recipient = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(max_length=1000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # One request per direction: a new one after a withdrawal reuses the row.
            models.UniqueConstraint(fields=["sender", "recipient"], name="unique_message_request"),
            models.CheckConstraint(
                condition=~models.Q(sender=models.F("recipient")), name="message_request_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"message request {self.sender_id}→{self.recipient_id} {self.status}"


# --- moderation ----------------------------------------------------------------------------
class Report(models.Model):
    class Reason(models.TextChoices):
        SPAM = "spam", "Spam or advertising"
        HARASSMENT = "harassment", "Harassment or hate"
        PRIVACY = "privacy", "Shares patient or private information"
        MISINFORMATION = "misinformation", "Dangerous misinformation"
        OTHER = "other", "Something else"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        RESOLVED = "resolved", "Resolved"
        DISMISSED = "dismissed", "Dismissed"

    reporter = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.CASCADE)
    message = models.ForeignKey(Message, null=True, blank=True, on_delete=models.CASCADE)
    member = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(max_length=20, choices=Reason.choices)
    detail = models.CharField(max_length=1000, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"report {self.pk} ({self.reason}, {self.status})"


class ModerationAction(models.Model):
    """The audit log: every moderator decision, never edited or deleted."""

    class Action(models.TextChoices):
        HIDE = "hide", "Hide"
        REMOVE = "remove", "Remove"
        RESTORE = "restore", "Restore"
        WARN = "warn", "Warn"
        SUSPEND = "suspend", "Suspend"
        UNSUSPEND = "unsuspend", "Lift suspension"
        DISMISS = "dismiss", "Dismiss report"

    moderator = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(max_length=10, choices=Action.choices)
    report = models.ForeignKey(Report, null=True, blank=True, on_delete=models.SET_NULL)
    member = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.SET_NULL)
    message = models.ForeignKey(Message, null=True, blank=True, on_delete=models.SET_NULL)
    note = models.CharField(max_length=1000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.action} by {self.moderator_id} at {self.created_at:%Y-%m-%d %H:%M}"


class Suspension(models.Model):
    member = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    until = models.DateTimeField()
    reason = models.CharField(max_length=1000)
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    lifted_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.member_id} suspended until {self.until:%Y-%m-%d}"


# --- notifications -------------------------------------------------------------------------
class NotificationKind(models.TextChoices):
    CONNECTION_REQUEST = "connection_request", "Someone asks to connect"
    CONNECTION_ACCEPTED = "connection_accepted", "A connection request is accepted"
    MENTION = "mention", "Someone @mentions you"
    REPLY = "reply", "A reply to your post"
    ANSWER_ACCEPTED = "answer_accepted", "Your answer is accepted"
    GROUP_INVITE = "group_invite", "An invitation to a group"
    EVENT_PROMOTED = "event_promoted", "You move from a waitlist to going"
    EVENT_REMINDER = "event_reminder", "An event you're going to is soon"
    MESSAGE = "message", "A new message"
    MESSAGE_REQUEST = "message_request", "Someone who is not a connection asks to message you"
    MODERATION = "moderation", "A moderator's note to you"
    # Mentoring's news: one bell and one settings page for the whole site.
    MENTORING_REQUEST = "mentoring_request", "Someone asks you to be their mentor"
    MENTORING_ANSWER = "mentoring_answer", "Your mentoring request is answered or expires"
    MENTORING_AGREEMENT = "mentoring_agreement", "A mentoring agreement is proposed or accepted"
    MENTORING_CHECK_IN = "mentoring_check_in", "A mentoring check-in is scheduled, soon or overdue"
    MENTORING_MENTORSHIP = "mentoring_mentorship", "A mentorship is paused, ended or asked to close"
    MENTORING_INTERVIEW = "mentoring_interview", "An informational-interview request or its answer"
    MENTORING_CIRCLE = "mentoring_circle", "An invitation to a mentoring circle or its answer"


class Notification(models.Model):
    recipient = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=24, choices=NotificationKind.choices)
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return f"{self.kind} for {self.recipient_id}"


class NotificationSetting(models.Model):
    """One row per member and kind they changed; a missing row means both channels on."""

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=24, choices=NotificationKind.choices)
    in_app = models.BooleanField(default=True)
    email = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="unique_notification_setting")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}: app {self.in_app}, email {self.email}"
