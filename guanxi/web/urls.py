"""Pages. Ids in URLs are interchange ids."""

from django.urls import path

from guanxi.web.views import (
    accounts,
    audit,
    competitors,
    dashboard,
    deals,
    employees,
    entry,
    exports,
    handover,
    imports,
    people,
    search,
)

app_name = "web"
urlpatterns = [
    path("", dashboard.home, name="home"),
    path("search/", search.search, name="search"),
    path("accounts/", accounts.account_list, name="accounts"),
    path("accounts/<str:org_id>/", accounts.account_detail, name="account"),
    path("people/<str:person_id>/", people.person_detail, name="person"),
    path("employees/", employees.employee_list, name="employees"),
    path("employees/<str:person_id>/", employees.employee_detail, name="employee"),
    path("deals/", deals.deal_list, name="deals"),
    path("deals/<str:deal_id>/", deals.deal_detail, name="deal"),
    path("deals/<str:deal_id>/credit/", deals.credit_recompute, name="credit_recompute"),
    path("competitors/", competitors.competitor_list, name="competitors"),
    path("competitors/<str:org_id>/", competitors.competitor_detail, name="competitor"),
    path("import/", imports.import_page, name="import"),
    path("export/", exports.export_download, name="export"),
    path("audit/", audit.audit_log, name="audit"),
    path("handovers/", handover.handover_list, name="handovers"),
    path("handovers/<str:person_id>/", handover.handover_person, name="handover"),
    # data entry (htmx partials; a full page when opened directly)
    path("new/person/", entry.person_form, name="person_add"),
    path("edit/person/<str:person_id>/", entry.person_form, name="person_edit"),
    path("new/tie/", entry.tie_form, name="tie_add"),
    path("new/interaction/", entry.interaction_form, name="interaction_add"),
    path("new/deal/", entry.deal_form, name="deal_add"),
    path("edit/deal/<str:deal_id>/", entry.deal_form, name="deal_edit"),
    path("edit/deal/<str:deal_id>/role/", entry.role_form, name="role_add"),
]
