"""URLs of the reviews app, mounted at /dashboard/."""

from django.urls import path

from reviews import views

app_name = "reviews"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("portfolio.csv", views.dashboard_csv, name="dashboard_csv"),
    path("portfolio.xlsx", views.dashboard_xlsx, name="dashboard_xlsx"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/read/", views.notifications_read, name="notifications_read"),
    path("partnerships/<int:pk>/", views.partnership_review, name="partnership"),
    path("partnerships/<int:pk>/comments/", views.partnership_comment, name="comment"),
    path("partnerships/<int:pk>/comments/<int:comment_id>/resolve/", views.comment_resolve, name="comment_resolve"),
    path("partnerships/<int:pk>/request-changes/", views.partnership_request_changes, name="request_changes"),
    path("partnerships/<int:pk>/actions/", views.partnership_action, name="action"),
    path("partnerships/<int:pk>/check/", views.partnership_check, name="check"),
    path("partnerships/<int:pk>/costs.xlsx", views.cost_table_xlsx, name="cost_table_xlsx"),
    path("partnerships/<int:pk>/brief.pdf", views.partnership_pdf, name="pdf"),
    path("partnerships/<int:pk>/briefs/", views.brief_prepare, name="brief_prepare"),
    path("partnerships/<int:pk>/briefs/<int:brief_id>/", views.brief_status, name="brief"),
    path("partnerships/<int:pk>/briefs/<int:brief_id>/download/", views.brief_download, name="brief_download"),
]
