from django.core.management.base import BaseCommand

from djoser.devicetokens.models import DeviceToken


class Command(BaseCommand):
    help = "Delete device tokens whose expiry has passed."

    def handle(self, *args, **options):
        deleted, _ = DeviceToken.objects.expired().delete()
        self.stdout.write(f"Deleted {deleted} expired device token(s).")
