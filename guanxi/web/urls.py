"""Pages. Ids in URLs are interchange ids."""

from django.urls import path

from guanxi.connectors import views as connectors
from guanxi.web.views import (
    accounts,
    audit,
    competitors,
    dashboard,
    deal_actions,
    deals,
    employees,
    entry,
    exports,
    handover,
    help,
    imports,
    intelligence,
    people,
    search,
)

app_name = "web"
urlpatterns = [
    path("", dashboard.home, name="home"),
    path("search/", search.search, name="search"),
    path("help/scoring/", help.scoring_guide, name="help_scoring"),
    path("accounts/", accounts.account_list, name="accounts"),
    path("accounts/<str:org_id>/", accounts.account_detail, name="account"),
    path("people/<str:person_id>/", people.person_detail, name="person"),
    path("people/<str:person_id>/panel/", people.person_panel, name="person_panel"),
    path("employees/", employees.employee_list, name="employees"),
    path("employees/<str:person_id>/", employees.employee_detail, name="employee"),
    path("deals/", deals.deal_list, name="deals"),
    path("deals/<str:deal_id>/", deals.deal_detail, name="deal"),
    path("deals/<str:deal_id>/credit/", deals.credit_recompute, name="credit_recompute"),
    path("competitors/", competitors.competitor_list, name="competitors"),
    path("competitors/<str:org_id>/", competitors.competitor_detail, name="competitor"),
    path("import/", imports.import_page, name="import"),
    path("review/", connectors.review_queue, name="review"),
    path("exclusions/", connectors.exclusions, name="exclusions"),
    path("relationships/stale/", connectors.stale_relationships, name="stale"),
    path("timeline/", connectors.timeline, name="timeline"),
    path("xlsx/<str:name>/", connectors.list_xlsx, name="xlsx"),
    path("export/", exports.export_download, name="export"),
    path("export/graph/", connectors.graph_download, name="export_graph"),
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
    path("edit/deal/<str:deal_id>/checked/", deal_actions.role_checked, name="role_checked"),
    path(
        "edit/deal/<str:deal_id>/intelligence/",
        intelligence.intelligence_form,
        name="intel_add",
    ),
    path("new/organisation/", entry.organisation_form, name="organisation_add"),
    path("new/user/", entry.user_form, name="user_add"),
]
