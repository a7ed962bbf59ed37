"""The Monitoring tab of the partnership page: reporting periods, indicator values and actual spending."""

from monitoring.views import design_tab

monitoring_tab = period_new = period_edit = export_csv = export_xlsx = design_tab
