"""django-axes (the sign-in lockout) as the portal installs it: named in the
admin in the portal's language (its other texts: ``third_party_messages``)."""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _


class AxesConfig(AxesAppConfig):
    verbose_name = _("Sign-in protection")
