"""URL map: the web pages, the admin, and login/logout."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path

from guanxi.access.views import ThrottledAdminAuthenticationForm, ThrottledLoginView
from guanxi.web.views.health import healthz

# The admin's own login page counts failures and locks like the app's.
admin.site.login_form = ThrottledAdminAuthenticationForm


@login_not_required
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico on pages that name no icon (the admin, the API docs)."""
    return redirect(static("guanxi/favicon.svg"), permanent=True)


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon),
    path("login/", ThrottledLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", include("guanxi.api.urls")),
    path("ops/", include("guanxi.operations.urls")),
    path("", include("guanxi.web.urls")),
]

# A busy database answers "busy, try again" (503) wherever it is met; other errors get the
# app's 500 page (templates/500.html), or the API's JSON under /api/.
handler500 = "guanxi.core.busy.server_error"
