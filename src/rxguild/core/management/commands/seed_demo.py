from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from rxguild.core.demo import seed_all


class Command(BaseCommand):
    help = "Seed demo data (idempotent). Refuses to run under production settings."

    def handle(self, *args: object, **options: object) -> None:
        if settings.PRODUCTION:
            raise CommandError("seed_demo is for local and demo instances, not production.")
        with transaction.atomic():
            context = seed_all()
        for line in context.summary:
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("\nDemo data ready. Open http://127.0.0.1:8000"))
        for line in context.logins:
            self.stdout.write(f"  {line}")
