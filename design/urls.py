"""URLs of the partnership design wizard, mounted at ``/partnerships/``."""

from django.urls import path

from design import task_views, views

app_name = "design"
urlpatterns = [
    path("", views.partnership_list, name="list"),
    path("new/", views.partnership_new, name="new"),
    path("occupations/", views.occupation_search, name="occupations"),
    # The task list and "Check your answers" come before the steps, whose codes they would otherwise match.
    path("<int:pk>/steps/", task_views.task_list, name="tasks"),
    path("<int:pk>/steps/check/", task_views.check_answers, name="check"),
    path("<int:pk>/steps/<slug:code>/", views.step_view, name="step"),
    path("<int:pk>/steps/<slug:code>/rows/<slug:prefix>/<int:row_id>/", views.row_view, name="row"),
    path("<int:pk>/organisations/new/", views.organisation_new, name="organisation_new"),
    path("organisations/<int:organisation_id>/", views.organisation_edit, name="organisation_edit"),
]
