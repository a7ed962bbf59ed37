from django.apps import AppConfig


class FeasibilityConfig(AppConfig):
    default_auto_field = 'django.db.models.BigAutoField'
    name = 'feasibility'
