from django.apps import AppConfig


class DesignConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "design"

    def ready(self):
        from design.inputs import fix_link, wizard_location
        from feasibility.inputs import register_fix_link, register_locator

        register_locator("wizard", wizard_location)  # ``rule_inputs --json``: where the wizard enters each input
        register_fix_link(fix_link)  # findings on the reviewers' pages link to the field that fixes them
