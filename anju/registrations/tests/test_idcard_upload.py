"""A photo of the ID card fills the declaration form; the person confirms. Bad photos get a clear message."""
import random

import pytest

from anju.lib.idcard.render import FontNotFound, find_cjk_font, random_identity, render_card

pytestmark = pytest.mark.skipif(find_cjk_font() is None,
                                reason="no CJK font to render ID cards (apt-get install fonts-wqy-zenhei)")


def post_photo(client, house, content, name="card.jpg"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    token = house.plates.get().token
    return client.post(f"/p/{token}/declare/", {"ocr": "1", "photo": SimpleUploadedFile(name, content),
                                                "phone": "13512345678"})


def test_a_card_photo_fills_the_form_for_the_person_to_confirm(client, resident, house):
    identity = random_identity(random.Random(3))
    client.force_login(resident)
    response = post_photo(client, house, render_card(identity, seed=3))
    form = response.context["form"]
    assert form.initial["name"] == identity.name and form.initial["id_number"] == identity.id_number
    assert form.initial["phone"] == "13512345678"
    assert "核对" in response.content.decode()
    from anju.registrations.models import Declaration

    assert Declaration.objects.count() == 0  # nothing is filed until the person submits


def test_a_file_that_is_not_an_image_or_not_a_card_is_explained(client, resident, house):
    from io import BytesIO

    from PIL import Image

    client.force_login(resident)
    assert "图" in post_photo(client, house, b"%PDF-1.4 not an image", "card.pdf").content.decode()
    blank = BytesIO()
    Image.new("RGB", (800, 500), "white").save(blank, "PNG")
    body = post_photo(client, house, blank.getvalue(), "blank.png").content.decode()
    assert "身份证" in body


def test_a_landlord_checks_a_tenant_in_from_a_photo_of_their_id_card(client, tree, officer_a, make_user):
    """The photo fills the check-in form on the landlord's house page; nothing is filed until they submit."""
    from conftest import make_house, valid_id

    from anju.houses.models import Tenancy
    from anju.houses.services import house_register, landlord_verify

    landlord = make_user("13800138009", "landlord", None, phone="13800138009", password=None)
    landlord_verify(user=landlord, name="房东乙", id_number=valid_id(birth="19700101", seq="017"))
    house = house_register(actor=officer_a, standard_address=make_house(tree, "A-0810", "文一西路810号1幢101室",
                                                                        "A1C1G1").standard_address, landlord=landlord)
    identity = random_identity(random.Random(5))
    client.force_login(landlord)
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    response = client.post(reverse("houses:check_in", args=[house.pk]),
                           {"ocr": "1", "photo": SimpleUploadedFile("card.jpg", render_card(identity, seed=5)),
                            "phone": "13600001111"})
    form = response.context["check_in_form"]
    assert form.initial["name"] == identity.name and form.initial["id_number"] == identity.id_number
    assert form.initial["phone"] == "13600001111"
    body = response.content.decode()
    assert identity.id_number in body and "核对" in body
    assert Tenancy.objects.filter(house=house).count() == 0
