from django.urls import path

from rxguild.growth import views

app_name = "growth"

urlpatterns = [
    path("", views.home, name="home"),
    path("assess/<slug:code>/", views.assess, name="assess"),
    path("history/<slug:code>/", views.history, name="history"),
    path("assessments/<int:assessment_id>/", views.assessment_detail, name="assessment"),
    path(
        "assessments/<int:assessment_id>/delete/",
        views.assessment_delete,
        name="assessment_delete",
    ),
    path("staff/members/<int:member_id>/", views.staff_member, name="staff_member"),
]

urlpatterns += [
    path("goals/", views.goals, name="goals"),
    path("goals/<int:goal_id>/", views.goal_detail, name="goal"),
    path("goals/calendar/<str:token>.ics", views.goals_calendar_feed, name="goals_calendar"),
    path("goals/<int:goal_id>/status/", views.goal_status, name="goal_status"),
    path("goals/<int:goal_id>/share/", views.goal_share, name="goal_share"),
    path("goals/<int:goal_id>/milestones/", views.goal_milestone_add, name="milestone_add"),
    path("milestones/<int:milestone_id>/toggle/", views.milestone_toggle, name="milestone_toggle"),
    path("milestones/<int:milestone_id>/delete/", views.milestone_delete, name="milestone_delete"),
]

urlpatterns += [
    path("feedback/", views.feedback_list, name="feedback"),
    path("feedback/new/<slug:code>/", views.feedback_new, name="feedback_new"),
    path("feedback/<int:request_id>/", views.feedback_detail, name="feedback_detail"),
    path("feedback/<int:request_id>/withdraw/", views.feedback_withdraw, name="feedback_withdraw"),
    path(
        "feedback/<int:request_id>/invites/<int:invite_id>/resend/",
        views.feedback_resend,
        name="feedback_resend",
    ),
    path("feedback/answer/<str:token>/", views.feedback_answer, name="feedback_answer"),
    path(
        "feedback/unsubscribe/<str:token>/",
        views.feedback_unsubscribe,
        name="feedback_unsubscribe",
    ),
]

urlpatterns += [
    path("recommendations/", views.recommendations, name="recommendations"),
    path(
        "recommendations/write/<slug:handle>/",
        views.recommendation_write,
        name="recommendation_write",
    ),
    path(
        "recommendations/<int:recommendation_id>/decide/",
        views.recommendation_decide,
        name="recommendation_decide",
    ),
    path(
        "recommendations/<int:recommendation_id>/withdraw/",
        views.recommendation_withdraw,
        name="recommendation_withdraw",
    ),
]
