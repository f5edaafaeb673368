"""URL map: the web pages, the admin, and login/logout."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from guanxi.access.views import ThrottledAdminAuthenticationForm, ThrottledLoginView
from guanxi.web.views.health import healthz

# The admin's own login page counts failures and locks like the app's.
admin.site.login_form = ThrottledAdminAuthenticationForm

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("login/", ThrottledLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", include("guanxi.api.urls")),
    path("", include("guanxi.web.urls")),
]

# A busy database answers "busy, try again" (503) wherever it is met; other errors get the
# app's 500 page (templates/500.html), or the API's JSON under /api/.
handler500 = "guanxi.core.busy.server_error"
