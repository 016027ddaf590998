"""Roles come from assignments that carry fiscal years; rotation is by April."""

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from initiatives import services
from initiatives.models import Assignment, Role, roles_of
from initiatives.services import RotationChange


def test_roles_of_each_person(people, org):
    assert roles_of(people.dxer).section_ids == {org.shimin_ka.pk}
    assert roles_of(people.head).department_ids == {org.shimin.pk}
    assert roles_of(people.dx_office).is_dx_office
    viewer = roles_of(people.viewer)
    assert not viewer.has_any
    assert not roles_of(people.admin).has_any  # admin runs Django admin, not the year


def test_roles_are_read_once_per_request(people, django_assert_num_queries):
    with django_assert_num_queries(1):
        roles_of(people.dxer)
        roles_of(people.dxer)


def test_an_inactive_account_has_no_role(people):
    people.dxer.is_active = False
    assert not roles_of(people.dxer).has_any


def test_april_rotation_hands_the_section_over(people, org, django_user_model):
    newcomer = django_user_model.objects.create_user("newcomer", last_name="新任")
    with time_machine.travel("2025-03-20 10:00 +09:00", tick=False):
        services.apply_rotation(
            year=2025,
            changes=[
                RotationChange(
                    unit=org.shimin_ka,
                    role=Role.DXER,
                    before=people.dxer,
                    after=newcomer,
                )
            ],
            by=people.dx_office,
        )
        # Before April the old DXer still holds the section.
        assert timezone.localdate().month == 3
        assert org.shimin_ka.pk in roles_of(people.dxer).section_ids
        assert not roles_of(newcomer).is_dxer
    people.dxer.__dict__.pop("_portal_roles", None)
    with time_machine.travel("2025-04-01 09:00 +09:00", tick=False):
        assert not roles_of(people.dxer).is_dxer
        assert org.shimin_ka.pk in roles_of(newcomer).section_ids
    # Past years keep showing who was responsible then.
    assert (
        Assignment.objects.active_in(2024).get(section=org.shimin_ka).user
        == people.dxer
    )
    assert (
        Assignment.objects.active_in(2025).get(section=org.shimin_ka).user == newcomer
    )


def test_a_second_dxer_for_the_same_years_is_refused(people, org, django_user_model):
    other = django_user_model.objects.create_user("other")
    with translation.override("ja"), pytest.raises(ValidationError) as error:
        services.assign_role(
            user=other,
            role=Role.DXER,
            section=org.shimin_ka,
            start_year=2024,
            by=people.dx_office,
        )
    assert "市民課には" in error.value.messages[0]
    assert "窓口 花子" in error.value.messages[0]


def test_rename_keeps_the_old_name_for_past_years(people, org):
    successor = services.rename_section(
        org.shimin_ka, name="市民窓口課", from_year=2026, by=people.dx_office
    )
    org.shimin_ka.refresh_from_db()
    assert org.shimin_ka.retired_from == 2026
    assert not org.shimin_ka.is_active_in(2026) and org.shimin_ka.is_active_in(2025)
    assert successor.is_active_in(2026) and successor.predecessor == org.shimin_ka
    assert successor.lineage_ids() == [successor.pk, org.shimin_ka.pk]
    # The DXer moves with the section; 2025 still shows the old section.
    assert Assignment.objects.active_in(2026).get(section=successor).user == people.dxer
    assert (
        Assignment.objects.active_in(2025).get(section=org.shimin_ka).user
        == people.dxer
    )


def test_retiring_a_section_ends_its_roles_the_year_before(people, org):
    services.retire_unit(org.kaigo_ka, from_year=2026)
    assignment = Assignment.objects.get(user=people.dxer2)
    assert assignment.end_year == 2025
    assert org.kaigo_ka.pk not in roles_of(people.dxer2, 2026).section_ids
