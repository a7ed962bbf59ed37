"""URLs of the agreements app, mounted at /partnerships/."""

from django.urls import path

from agreements import views

app_name = "agreements"
urlpatterns = [
    path("<int:pk>/agreement-draft/", views.draft_prepare, name="draft_prepare"),
    path("<int:pk>/agreement-draft/<int:draft_id>/<str:extension>/", views.draft_download, name="draft_download"),
    path("<int:pk>/signed-agreement/", views.signed_record, name="signed_record"),
    path("<int:pk>/signed-agreement/download/", views.signed_download, name="signed_download"),
]
