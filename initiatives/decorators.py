"""Role checks for views. Which rows a role may touch is the querysets' job."""

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied

from .models import Roles, roles_of


def role_required(check: Callable[[Roles], bool]):
    """Refuse the view (403) unless ``check(roles)`` holds for the signed-in person."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not check(roles_of(request.user)):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


dx_office_required = role_required(lambda roles: roles.is_dx_office)
head_required = role_required(lambda roles: roles.is_head)
dxer_required = role_required(lambda roles: roles.is_dxer)
# The Excel interchange: anyone who works with points (not plain viewers).
with_a_role_required = role_required(
    lambda roles: roles.is_dxer or roles.is_head or roles.is_dx_office
)
head_or_dx_office_required = role_required(
    lambda roles: roles.is_head or roles.is_dx_office
)
