"""Top-level URL configuration."""

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
    path("partnerships/", include("design.urls")),
    path("dashboard/", include("reviews.urls")),
    path("api/", include("api.urls")),
]

handler400 = "smp.views.bad_request"
handler403 = "smp.views.permission_denied"
handler404 = "smp.views.page_not_found"
handler500 = "smp.views.server_error"
