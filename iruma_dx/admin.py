"""The admin's groups, with their permissions named in the active language."""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin
from django.contrib.auth.models import Group

from .lib.permissions import TranslatedPermissions

admin.site.unregister(Group)


@admin.register(Group)
class PortalGroupAdmin(TranslatedPermissions, GroupAdmin):
    pass
