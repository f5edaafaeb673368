"""Operations pages. Ids in URLs are interchange ids."""

from django.urls import path

from guanxi.operations import alert_views, eval_views, intro_views, plan_views, views

app_name = "operations"
urlpatterns = [
    path("accounts/<str:org_id>/actions/", views.account_actions, name="account_actions"),
    path("deals/<str:deal_id>/actions/", views.deal_actions, name="deal_actions"),
    path("trend/<str:kind>/<str:subject_id>/", views.trend, name="trend"),
    path("plans/", plan_views.plan_list, name="plans"),
    path("plans/summary/", plan_views.plan_summary, name="plan_summary"),
    path("plans/new/", plan_views.objective_new, name="objective_new"),
    path("plans/<int:pk>/status/", plan_views.objective_status, name="objective_status"),
    path("plans/<int:pk>/edit/", plan_views.objective_edit, name="objective_edit"),
    path("introductions/", intro_views.introduction_list, name="introductions"),
    path("introductions/new/", intro_views.introduction_new, name="introduction_new"),
    path(
        "introductions/<int:pk>/answer/",
        intro_views.introduction_answer,
        name="introduction_answer",
    ),
    path("introductions/<int:pk>/done/", intro_views.introduction_done, name="introduction_done"),
    path("evaluation/", eval_views.evaluation, name="evaluation"),
    path("evaluation/export.csv", eval_views.evaluation_csv, name="evaluation_csv"),
    path("evaluation/export.xlsx", eval_views.evaluation_xlsx, name="evaluation_xlsx"),
    path("inbox/", alert_views.inbox, name="inbox"),
    path("inbox/read/", alert_views.mark_read, name="mark_read"),
    path("alerts/settings/", alert_views.preferences, name="alert_preferences"),
    path("accounts/<str:org_id>/plans/", plan_views.account_plans, name="account_plans"),
]
