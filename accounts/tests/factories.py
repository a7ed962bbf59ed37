"""Factories for user accounts."""

from __future__ import annotations

from functools import cache

import factory
from django.contrib.auth.hashers import make_password

from accounts.models import User, UserRole

#: Every factory user logs in with this password.
PASSWORD = "correct horse battery staple"


@cache
def _password_hash() -> str:
    # Hashing is deliberately slow; hash once per test run and share the result.
    return make_password(PASSWORD)


class UserFactory(factory.django.DjangoModelFactory):
    """A user with a role; pass ``organisations=[...]`` to make them a member."""

    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    role = UserRole.OFFICIAL
    password = factory.LazyFunction(_password_hash)

    @factory.post_generation
    def organisations(self, create, extracted, **kwargs):
        if create and extracted:
            self.organisations.set(extracted)

    class Params:
        reviewer = factory.Trait(role=UserRole.REVIEWER)
        partner = factory.Trait(role=UserRole.PARTNER)
        admin = factory.Trait(role=UserRole.ADMIN)
