"""Fixtures shared by every test: people per role, small data builders."""

import pytest
from django.conf import settings
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

hypothesis_settings.register_profile(
    "portal",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
hypothesis_settings.load_profile("portal")


def pytest_configure(config):
    # Production serves hashed static files collected by `collectstatic`;
    # tests render pages without collecting, so use the plain storage.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }


@pytest.fixture
def password() -> str:
    return "a-Long-test-password-2024"


@pytest.fixture
def staff_user(django_user_model, password):
    """A system administrator who keeps the glossary in Django admin."""
    return django_user_model.objects.create_user(
        "glossary-admin", password=password, is_staff=True, is_superuser=True
    )


@pytest.fixture
def plain_user(django_user_model, password):
    """A member of staff with no role in the portal."""
    return django_user_model.objects.create_user("staff-member", password=password)
