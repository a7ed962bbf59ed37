"""URLs of the agreements app, mounted at /partnerships/."""

from django.urls import path

from agreements import views

app_name = "agreements"
urlpatterns = [
    path("<int:pk>/agreement-draft/", views.draft_prepare, name="draft_prepare"),
    path("<int:pk>/agreement-draft/<int:draft_id>/<str:extension>/", views.draft_download, name="draft_download"),
]
