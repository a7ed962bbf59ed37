"""Top-level URL configuration."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from smp import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("rules/", include("feasibility.urls")),
    path("partnerships/", include("partnerships.urls")),
]

handler403 = "smp.views.permission_denied"
handler404 = "smp.views.page_not_found"
handler500 = "smp.views.server_error"

if settings.DEBUG:  # pragma: no cover - development convenience only
    pass
