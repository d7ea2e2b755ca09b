"""Routes of the career roadmap, mounted at /roadmap/."""

from django.urls import path

from rxguild.roadmap import views

app_name = "roadmap"

urlpatterns = [
    path("", views.home, name="home"),
    path("targets/add/", views.target_add, name="target_add"),
    path("targets/add-posting/", views.target_add_posting, name="target_add_posting"),
    path("targets/<int:target_id>/", views.target_detail, name="target"),
    path("targets/<int:target_id>/remove/", views.target_remove, name="target_remove"),
    path("targets/<int:target_id>/steps/", views.step_done, name="step_done"),
    path("targets/<int:target_id>/plan-dates/", views.plan_date, name="plan_date"),
    path("targets/<int:target_id>/plan.ics", views.plan_calendar, name="plan_ics"),
    path("targets/<int:target_id>/goal/", views.plan_goal, name="plan_goal"),
    path("compare/", views.compare, name="compare"),
    path("pathways/", views.pathway_list, name="pathways"),
    path("pathways/<slug:code>/", views.pathway_detail, name="pathway"),
    path("cpht-adv/", views.cpht_adv, name="cpht_adv"),
    path("move/", views.state_move, name="state_move"),
    path("pay/", views.pay, name="pay"),
    path("pay/reports/<int:report_id>/withdraw/", views.pay_report_withdraw, name="pay_withdraw"),
    path("pay/moderate/", views.pay_moderate, name="pay_moderate"),
]
