"""Top-level URL configuration."""

from django.contrib import admin
from django.urls import include, path

from accounts import views as accounts_views
from smp import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    # Ours first: the login page and the password reset with per-address limits (docs/security.md).
    path("accounts/login/", accounts_views.LoginView.as_view(), name="login"),
    path("accounts/password_reset/", accounts_views.PasswordResetView.as_view(), name="password_reset"),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    # Ours first: the language switch also saves the choice on the user's profile.
    path("i18n/setlang/", accounts_views.set_language, name="set_language"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("rules/", include("feasibility.urls")),
    path("practices/", include("practices.urls")),
    path("partnerships/", include("monitoring.urls")),  # the partnership page first: /partnerships/<id>/
    path("partnerships/", include("design.urls")),
    path("partnerships/", include("agreements.urls")),
    path("dashboard/", include("reviews.urls")),
    path("api/", include("api.urls")),
]

handler400 = "smp.views.bad_request"
handler403 = "smp.views.permission_denied"
handler404 = "smp.views.page_not_found"
handler500 = "smp.views.server_error"
