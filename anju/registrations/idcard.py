"""An uploaded ID-card photo read into form values, for every form that takes a person's identity (the resident's
declaration, the landlord's check-in). The person then confirms or corrects each field; nothing is filed here."""
from django.contrib import messages
from django.utils.translation import gettext as _

from anju.audit.services import audit_log

MAX_PHOTO_BYTES = 10 * 1024 * 1024


def read_id_card(request) -> dict:
    """Form values read off ``request.FILES["photo"]`` ({} with a message when it cannot be read)."""
    from anju.lib.idcard.ocr import IdCardError, recognise

    photo = request.FILES.get("photo")
    if photo is None:
        messages.error(request, _("Choose a photo of the front of the ID card first"))
        return {}
    if photo.size > MAX_PHOTO_BYTES:
        messages.error(request, _("The photo is larger than 10 MB; take it again at a lower resolution"))
        return {}
    try:
        result = recognise(photo.read(), max_bytes=MAX_PHOTO_BYTES)
    except IdCardError as exc:
        messages.error(request, str(exc))
        return {}
    audit_log(actor=request.user, action="idcard.read", object_type="user", object_ids=[request.user.pk],
              detail={"fields": [f for f in result.FIELDS if getattr(result, f)]}, request=request)
    for warning in result.warnings:
        messages.warning(request, warning)
    messages.info(request, _("Read from the photo: check every field against the card before you submit"))
    return {"name": result.name, "id_number": result.id_number, "ethnicity": result.ethnicity or "",
            "hukou_address": result.address}
