"""URLs of the feasibility app, mounted at /rules/."""

from django.urls import path

from feasibility import views

app_name = "feasibility"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
]
