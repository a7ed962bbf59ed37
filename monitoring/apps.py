from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    """The partnership page (``/partnerships/<id>/``) and what is recorded while a partnership runs."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "monitoring"
