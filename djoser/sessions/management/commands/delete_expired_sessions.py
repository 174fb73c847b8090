from django.core.management.base import BaseCommand

from djoser.sessions.models import Session


class Command(BaseCommand):
    help = "Delete sessions that have expired or been revoked."

    def handle(self, *args, **options):
        deleted, _ = Session.objects.expired().delete()
        self.stdout.write(f"Deleted {deleted} expired or revoked session(s).")
