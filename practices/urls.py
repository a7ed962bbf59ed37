"""URLs of the library of practices, mounted at /practices/."""

from django.urls import path

from practices import views

app_name = "practices"
urlpatterns = [
    path("", views.practice_list, name="list"),
    path("new/", views.practice_create, name="create"),
    path("<slug:slug>/", views.practice_detail, name="detail"),
    path("<slug:slug>/edit/", views.practice_edit, name="edit"),
    path("<slug:slug>/retire/", views.practice_retire, name="retire"),
]
