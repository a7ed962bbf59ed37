"""Every database constraint says in words what is wrong (house rule: a person never reads a constraint name).

Forms, serializers and services check most rules before the database does; when a constraint is the one that
refuses a row (a model's ``validate_constraints`` in a form or the admin, or a race past the service), its
message is what the user reads, so each carries a sentence of its own instead of Django's default
'Constraint “trainingprogramme_migration_places_within_total” is violated.'.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.models import CheckConstraint, UniqueConstraint

ROOT = Path(__file__).resolve().parents[1]
#: The project's own apps (every installed app whose code lives in this repository).
PROJECT_APPS = tuple(config.label for config in apps.get_app_configs() if Path(config.path).is_relative_to(ROOT))


def constraints():
    for label in PROJECT_APPS:
        for model in apps.get_app_config(label).get_models():
            for constraint in model._meta.constraints:
                if isinstance(constraint, CheckConstraint | UniqueConstraint):
                    yield model, constraint


def test_there_are_constraints_to_walk():
    assert {"partnerships", "costs", "skills", "reviews"} <= set(PROJECT_APPS)
    assert sum(1 for _ in constraints()) > 150


def test_every_check_and_unique_constraint_has_a_sentence_of_its_own():
    silent = [
        f"{model._meta.label}.{constraint.name}"
        for model, constraint in constraints()
        if constraint.violation_error_message in (None, constraint.default_violation_error_message)
    ]
    assert silent == []


def test_no_constraint_sentence_names_a_constraint_or_a_code():
    offenders = []
    for model, constraint in constraints():
        text = str(constraint.get_violation_error_message())
        if constraint.name in text or re.search(r"\b[a-z0-9]+_[a-z0-9_]+\b", text) or not text.endswith("."):
            offenders.append((model._meta.label, constraint.name, text))
    assert offenders == []


@pytest.mark.django_db
def test_a_training_programme_with_more_migration_places_than_places_is_refused_in_words(partnership):
    from skills.tests.factories import TrainingProgrammeFactory

    programme = TrainingProgrammeFactory.build(partnership=partnership, places_total=20, places_migration=30)
    with pytest.raises(ValidationError) as refused:
        programme.validate_constraints()
    assert refused.value.messages == ["Places for people who will migrate cannot exceed the programme's total places."]
