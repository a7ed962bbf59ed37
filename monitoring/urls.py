"""URLs of the partnership page and its tabs, mounted at ``/partnerships/`` before the wizard's."""

from django.urls import path

from monitoring import monitoring_views, views

app_name = "monitoring"
urlpatterns = [
    # The page's tabs: Design (the page itself), Monitoring, Feasibility, Review, History.
    path("<int:pk>/", views.design_tab, name="page"),
    path("<int:pk>/feasibility/", views.feasibility_tab, name="feasibility"),
    path("<int:pk>/review/", views.review_tab, name="review"),
    path("<int:pk>/history/", views.history_tab, name="history"),
    path("<int:pk>/stage/", views.stage_move, name="stage"),
    # Monitoring: reporting periods, indicator values and actual spending, charts and exports.
    path("<int:pk>/monitoring/", monitoring_views.monitoring_tab, name="monitoring"),
    path("<int:pk>/monitoring/periods/new/", monitoring_views.period_new, name="period_new"),
    path("<int:pk>/monitoring/periods/<int:period_id>/", monitoring_views.period_edit, name="period"),
    path("<int:pk>/monitoring/export.csv", monitoring_views.export_csv, name="export_csv"),
    path("<int:pk>/monitoring/export.xlsx", monitoring_views.export_xlsx, name="export_xlsx"),
]
