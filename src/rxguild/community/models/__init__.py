"""Community: connections, groups and discussions, events with RSVP, direct messages,
moderation and notifications. Logic lives in `services/` and `selectors/`; these are rows,
one module per sub-domain. Every model is re-exported here: Django loads an app's models from
this package, and the rest of the code (and the migrations, for the on_delete and default
functions) imports them from `rxguild.community.models`."""

from rxguild.community.models.connections import Block, Connection, Follow
from rxguild.community.models.discussions import (
    Mention,
    Post,
    Reaction,
    keep_topic_with_others_replies,
)
from rxguild.community.models.events import (
    CalendarToken,
    Event,
    EventInvitation,
    Rsvp,
    keep_event_with_others_rsvps,
    new_event_uid,
)
from rxguild.community.models.groups import Group, Membership
from rxguild.community.models.messages import Message, MessageRequest
from rxguild.community.models.moderation import ModerationAction, Report, Suspension
from rxguild.community.models.notifications import (
    Notification,
    NotificationKind,
    NotificationSetting,
)

__all__ = [
    "Block",
    "CalendarToken",
    "Connection",
    "Event",
    "EventInvitation",
    "Follow",
    "Group",
    "Membership",
    "Mention",
    "Message",
    "MessageRequest",
    "ModerationAction",
    "Notification",
    "NotificationKind",
    "NotificationSetting",
    "Post",
    "Reaction",
    "Report",
    "Rsvp",
    "Suspension",
    "keep_event_with_others_rsvps",
    "keep_topic_with_others_replies",
    "new_event_uid",
]
