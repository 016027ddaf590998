"""E-mail DXers and heads what is due within 14 days, overdue or waiting.

Run it each night (see README.md). Each person gets at most one reminder a
day: the reminder is recorded, so a second run on the same day sends nothing.
"""

import smtplib

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from evaluation import services
from evaluation.reminders import due_reminders


class Command(BaseCommand):
    help = (
        "E-mail each DXer the points and reports due within 14 days or overdue, "
        "and each department head the items waiting for review. At most one "
        "reminder per person per day."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Show who would get what; send and record nothing.",
        )

    def handle(self, *args, dry_run: bool = False, **options):
        today = timezone.localdate()
        sent = skipped = 0
        failed = []
        for user, reminders in due_reminders(today):
            who = f"{user.get_username()} <{user.email or '-'}>"
            if not user.email:
                self.stdout.write(f"skipped {who}: no e-mail address")
                skipped += 1
                continue
            if dry_run:
                self.stdout.write(f"would send to {who}:")
            else:
                try:
                    services.send_reminder(user, reminders, today=today)
                except services.AlreadyReminded:
                    self.stdout.write(f"skipped {who}: already reminded today")
                    skipped += 1
                    continue
                except (smtplib.SMTPException, OSError) as error:
                    self.stderr.write(f"failed {who}: {error}")
                    failed.append(who)
                    continue
                self.stdout.write(f"sent to {who}:")
            sent += 1
            for reminder in reminders:
                self.stdout.write(f"  - {reminder.text()}")
        verb = "would send" if dry_run else "sent"
        self.stdout.write(f"{verb} {sent}, skipped {skipped}, failed {len(failed)}.")
        if failed:
            raise CommandError(f"Reminders to {len(failed)} people could not be sent.")
