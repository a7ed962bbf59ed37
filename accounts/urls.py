"""URLs of the accounts app, mounted at /accounts/ next to Django's own (smp/urls.py)."""

from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("start/", views.start, name="start"),
    path("invitations/new/", views.invitation_new, name="invitation_new"),
    path("invitations/<str:token>/", views.invitation_accept_view, name="invitation_accept"),
]
