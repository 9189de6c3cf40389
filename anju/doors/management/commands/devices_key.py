"""`anju devices key DEVICE_ID`: issue a device a new key and print it for the installer (the old key stops)."""
from django.core.management.base import BaseCommand, CommandError

from anju.doors.models import Device
from anju.doors.services import device_rotate_secret


class Command(BaseCommand):
    help = ("Issue a door device a new key and print it (hex) for loading into the controller; the previous key stops "
            "working at once / 为门禁设备签发新密钥")

    def add_arguments(self, parser):
        parser.add_argument("device_id")

    def handle(self, *args, device_id, **options):
        device = Device.objects.filter(device_id=device_id.strip()).first()
        if device is None:
            raise CommandError(f"{device_id}: 无此设备 / no such device")
        device, key = device_rotate_secret(actor=None, device=device)
        self.stderr.write(f"设备 device {device.device_id}, 密钥版本 key version {device.secret_version}:")
        self.stdout.write(key)
