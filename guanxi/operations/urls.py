"""Operations pages. Ids in URLs are interchange ids."""

from django.urls import path

from guanxi.operations import views

app_name = "operations"
urlpatterns = [
    path("accounts/<str:org_id>/actions/", views.account_actions, name="account_actions"),
    path("deals/<str:deal_id>/actions/", views.deal_actions, name="deal_actions"),
]
