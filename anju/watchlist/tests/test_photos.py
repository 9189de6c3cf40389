"""Watchlist photos: re-encoded without metadata, encrypted on disk, shown only to watchlist roles, each view audited."""
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from anju.audit.models import AuditEntry
from anju.watchlist.models import WatchEntry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def photo_with_gps() -> bytes:
    image = Image.new("RGB", (2000, 1500), (120, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"          # Make
    exif[0x8825] = {2: (30.0, 15.0, 0.0)}  # GPS IFD: latitude
    out = BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def save(client, content, name="face.jpg", watch_id="W-P1"):
    return client.post("/staff/watchlist/", {"watch_id": watch_id, "name": "张伟", "birth_date": "1985-04-12", "reason": "网上追逃",
                                             "photo": SimpleUploadedFile(name, content)})


def test_a_photo_is_kept_encrypted_and_served_clean_to_the_police(client, officer_a):
    client.force_login(officer_a)
    assert save(client, photo_with_gps()).status_code == 302
    entry = WatchEntry.objects.get(watch_id="W-P1")
    with entry.photo.open("rb") as fh:
        on_disk = fh.read()
    assert not on_disk.startswith(b"\xff\xd8") and b"PhoneMaker" not in on_disk  # not a readable JPEG on disk
    response = client.get(f"/staff/watchlist/{entry.pk}/photo.jpg")
    assert response["Content-Type"] == "image/jpeg" and "no-store" in response["Cache-Control"]
    served = Image.open(BytesIO(response.content))
    assert served.format == "JPEG" and max(served.size) == 800
    assert not served.getexif()  # no camera, no GPS
    assert AuditEntry.objects.filter(action="watchlist.photo", actor=officer_a).count() == 1


def test_roles_without_the_watchlist_cannot_see_photos(client, officer_a, auxiliary_a):
    client.force_login(officer_a)
    save(client, photo_with_gps())
    entry = WatchEntry.objects.get(watch_id="W-P1")
    client.force_login(auxiliary_a)
    assert client.get(f"/staff/watchlist/{entry.pk}/photo.jpg").status_code == 403


def test_a_file_that_is_not_a_photo_is_refused_and_nothing_is_saved(client, officer_a):
    client.force_login(officer_a)
    body = save(client, b"%PDF-1.4 not a photo", "face.pdf").content.decode()
    assert "JPEG" in body and not WatchEntry.objects.filter(watch_id="W-P1").exists()


def test_the_alert_page_shows_the_wanted_persons_photo(client, officer_a, tree):
    from anju.jurisdictions.models import Node
    from anju.lib.watchmatch import Hit
    from anju.lib.watchmatch import WatchEntry as IndexEntry
    from anju.watchlist.services import alert_raise

    client.force_login(officer_a)
    save(client, photo_with_gps())
    grid = Node.objects.filter(path__startswith=officer_a.jurisdiction.path, level="grid").first()
    alert = alert_raise(hit=Hit(IndexEntry(key="W-P1"), 0.9, ("id_number:exact",)), source="test", node=grid,
                        name="张伟", address="文一西路1号")
    body = client.get(f"/staff/alerts/{alert.pk}/").content.decode()
    assert 'id="entry-photo"' in body
