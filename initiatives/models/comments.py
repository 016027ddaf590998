"""The conversation on a point (comments) and the notices people get."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class CommentKind(models.TextChoices):
    COMMENT = "comment", _("Comment")
    RETURN_POINT = "return_point", _("Returned the point")
    RETURN_REPORT = "return_report", _("Returned the report")


class Comment(models.Model):
    """A message on a point between its DXer, its head and the DX office."""

    point = models.ForeignKey(
        "DxPoint",
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("DX point"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=CommentKind.choices,
        default=CommentKind.COMMENT,
    )
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return self.body[:40]


class NotificationQuerySet(models.QuerySet):
    def unread_for(self, user) -> NotificationQuerySet:
        """The notices ``user`` has not marked read, newest first, with their points."""
        return self.filter(recipient=user, read_at__isnull=True).select_related("point")


class Notification(models.Model):
    """Something the portal tells one person on their home page (and by mail)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    point = models.ForeignKey(
        "DxPoint",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("DX point"),
    )
    message = models.CharField(_("message"), max_length=300)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.message
