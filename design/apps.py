from django.apps import AppConfig


class DesignConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "design"

    def ready(self):
        from design.inputs import wizard_location
        from feasibility.inputs import register_locator

        register_locator("wizard", wizard_location)  # ``rule_inputs --json``: where the wizard enters each input
