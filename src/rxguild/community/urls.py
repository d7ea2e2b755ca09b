from django.urls import path

from rxguild.community.views import (
    connections,
    events,
    groups,
    member_search,
    messages,
    moderation,
    notifications,
)

app_name = "community"

urlpatterns = [
    path("", groups.home, name="home"),
    path("search/", groups.search, name="search"),
    # connections and directory
    path("directory/", connections.directory, name="directory"),
    path("member-search/", member_search.member_options, name="member_options"),
    path("connections/", connections.connections, name="connections"),
    path(
        "connections/<int:connection_id>/<str:answer>/",
        connections.connection_answer,
        name="connection_answer",
    ),
    path("members/<slug:handle>/", connections.member, name="member"),
    path("members/<slug:handle>/report/", connections.member_report, name="member_report"),
    path("members/<slug:handle>/<str:action>/", connections.member_action, name="member_action"),
    # groups and discussions
    path("groups/", groups.group_list, name="groups"),
    path("groups/new/", groups.group_create, name="group_create"),
    path("groups/<slug:slug>/", groups.group_detail, name="group_detail"),
    path("groups/<slug:slug>/<str:action>/", groups.group_membership, name="group_membership"),
    path("share/", groups.share, name="share"),
    path("posts/<int:post_id>/", groups.post_detail, name="post_detail"),
    path("posts/<int:post_id>/report/", groups.post_report, name="post_report"),
    path("posts/<int:post_id>/edit/", groups.post_edit, name="post_edit"),
    path("posts/<int:post_id>/<str:action>/", groups.post_action, name="post_action"),
    # events
    path("events/", events.event_list, name="events"),
    path("events/new/", events.event_create, name="event_create"),
    path("events/feed.ics", events.public_feed, name="events_feed"),
    path("events/feed/rotate/", events.calendar_token_rotate, name="calendar_token_rotate"),
    path("events/feed/<str:token>.ics", events.personal_feed, name="personal_feed"),
    path("events/<int:event_id>/", events.event_detail, name="event_detail"),
    path("events/<int:event_id>/event.ics", events.event_ics, name="event_ics"),
    path("events/<int:event_id>/<str:action>/", events.event_rsvp, name="event_rsvp"),
    # messages
    path("messages/", messages.inbox, name="inbox"),
    path("messages/report/<int:message_id>/", messages.message_report, name="message_report"),
    path(
        "messages/requests/<int:request_id>/<str:answer>/",
        messages.message_request_answer,
        name="message_request_answer",
    ),
    path("messages/<slug:handle>/", messages.conversation, name="conversation"),
    path(
        "messages/<slug:handle>/request/",
        messages.message_request_send,
        name="message_request_send",
    ),
    # moderation
    path("moderation/", moderation.queue, name="moderation"),
    path("moderation/log/", moderation.log, name="moderation_log"),
    path("moderation/reports/<int:report_id>/", moderation.act, name="moderation_act"),
    # notifications
    path("notifications/", notifications.notification_list, name="notifications"),
    path("notifications/read/", notifications.mark_read, name="notifications_read"),
    path(
        "notifications/settings/",
        notifications.notification_settings,
        name="notification_settings",
    ),
]
