"""Uploaded files (DX points, staff lists), kept between preview and confirmation.

The rows are stored as the text of their cells (in the file format's
columns' order), so the confirmation applies exactly what the person
previewed and the upload works the same on every server behind a load
balancer.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# An upload nobody confirmed within this time is thrown away.
KEEP_UNCONFIRMED = timedelta(days=1)


class KeptUploadQuerySet(models.QuerySet):
    def pending_for(self, user) -> KeptUploadQuerySet:
        """Uploads of ``user`` that were not applied yet."""
        return self.filter(uploaded_by=user, applied_at__isnull=True)

    def stale(self) -> KeptUploadQuerySet:
        """Uploads nobody confirmed within a day."""
        return self.filter(
            applied_at__isnull=True,
            uploaded_at__lt=timezone.now() - KEEP_UNCONFIRMED,
        )


class KeptUpload(models.Model):
    """An uploaded file's rows, kept until the person who uploaded it confirms."""

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    file_name = models.CharField(_("file name"), max_length=255)
    rows = models.JSONField(
        _("rows"),
        default=list,
        help_text=_("[row number, [cell text in the file's columns]] per row."),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)

    objects = KeptUploadQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return self.file_name


class PointImport(KeptUpload):
    """A file of DX points someone uploaded, waiting for them to confirm it."""

    examples = models.PositiveIntegerField(_("example rows skipped"), default=0)

    class Meta(KeptUpload.Meta):
        verbose_name = _("uploaded import file")
        verbose_name_plural = _("uploaded import files")


class StaffImport(KeptUpload):
    """A staff list the DX office uploaded, waiting for them to confirm it.

    Like a point import, the rows are kept as the text of their cells (the
    person's id, then the staff list's columns), so the confirmation applies
    exactly the file that was previewed.
    """

    id_column = models.CharField(
        _("column naming the person"),
        max_length=20,
        help_text=_("職員番号 or ユーザー名, as the file's header row names it."),
    )
    whole_list = models.BooleanField(
        _("the file is the whole list"),
        default=False,
        help_text=_("End every DXer and head role the file does not name."),
    )

    class Meta(KeptUpload.Meta):
        verbose_name = _("uploaded staff list")
        verbose_name_plural = _("uploaded staff lists")
