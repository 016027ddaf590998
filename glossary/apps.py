from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GlossaryConfig(AppConfig):
    name = "glossary"
    verbose_name = _("Glossary")

    def ready(self) -> None:
        from django.core.signals import request_started
        from django.db.models.signals import post_delete, post_save

        from .models import Term
        from .templatetags.glossary_tags import forget_terms

        # The link filter reads the terms once per request; drop that copy
        # when a new request starts or a term changes.
        request_started.connect(forget_terms, dispatch_uid="glossary-request")
        post_save.connect(forget_terms, sender=Term, dispatch_uid="glossary-save")
        post_delete.connect(forget_terms, sender=Term, dispatch_uid="glossary-delete")
