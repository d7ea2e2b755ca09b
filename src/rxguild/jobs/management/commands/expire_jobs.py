from django.core.management.base import BaseCommand

from rxguild.jobs.services import job_postings_expire_due


class Command(BaseCommand):
    help = "Expire published postings past validThrough (idempotent; run daily from cron)."

    def handle(self, *args: object, **options: object) -> None:
        count = job_postings_expire_due()
        self.stdout.write(f"Expired {count} posting{'s' if count != 1 else ''}.")
