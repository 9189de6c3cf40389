"""Door plates: unguessable signed tokens; forged, mistyped and revoked ones get a clear page; real QR in a real PDF."""
import io

import pypdfium2
import zxingcpp

from anju.houses import plates
from anju.houses.services import plate_reissue


def current_token(house):
    return house.plates.get(revoked_at__isnull=True).token


def test_registering_a_house_issues_a_plate_whose_token_is_not_a_database_id(house):
    token = current_token(house)
    serial, signature = token.split(".")
    assert len(serial) == 12 and len(signature) == plates.SIGNATURE_LENGTH and str(house.pk) != serial


def test_the_plate_page_shows_the_house(client, house):
    response = client.get(f"/p/{current_token(house)}/")
    assert response.status_code == 200 and house.address in response.content.decode()


def test_a_forged_signature_gets_a_clear_error_page(client, house):
    serial = current_token(house).split(".")[0]
    response = client.get(f"/p/{serial}.{'0' * plates.SIGNATURE_LENGTH}/")
    assert response.status_code == 404 and "篡改或输错" in response.content.decode()


def test_a_mistyped_token_gets_a_clear_error_page(client, house):
    token = current_token(house)
    for typo in (token[:-1], token[1:], token.replace(".", ""), "abc", token[:5] + ("x" if token[5] != "x" else "y") + token[6:]):
        response = client.get(f"/p/{typo}/")
        assert response.status_code == 404, typo
        assert "门牌码" in response.content.decode()


def test_a_revoked_plate_says_so_and_the_new_one_works(client, house, officer_a):
    old = current_token(house)
    plate_reissue(actor=officer_a, house=house, reason="丢失")
    new = current_token(house)
    assert old != new
    assert "已作废" in client.get(f"/p/{old}/").content.decode()
    assert client.get(f"/p/{new}/").status_code == 200


def test_staff_of_another_station_cannot_revoke_or_reissue(client, house, officer_b):
    client.force_login(officer_b)
    assert client.post(f"/staff/houses/{house.pk}/plate/reissue/").status_code == 404
    assert client.post(f"/staff/houses/{house.pk}/plate/revoke/").status_code == 404


def decode_pdf(content: bytes) -> tuple[list[str], str]:
    """Renders every page as a reader would and decodes the QR codes on it with zxing."""
    pdf = pypdfium2.PdfDocument(io.BytesIO(content))
    found, text = [], ""
    for page in pdf:
        image = page.render(scale=2).to_pil()
        found += [r.text for r in zxingcpp.read_barcodes(image)]
        text += page.get_textpage().get_text_bounded()
    return found, text


def test_the_single_plate_pdf_carries_a_readable_qr_to_the_plate_page(client, house, landlord):
    client.force_login(landlord)
    response = client.get(f"/houses/{house.pk}/plate.pdf")
    assert response["Content-Type"] == "application/pdf"
    codes, text = decode_pdf(response.content)
    assert codes == [plates.plate_url(current_token(house))]
    assert "居住登记" in text and "文一西路100号" in text


def test_printing_one_houses_plate_is_audited_as_a_batch_print_is(client, house, landlord, officer_a):
    """The plate's code proves a landlord's claim to the house: whoever prints it (the landlord, an officer) is in
    the audit log of the house, as the community batch's print already was."""
    from anju.audit.models import AuditEntry

    for reader in (landlord, officer_a):
        client.force_login(reader)
        assert client.get(f"/houses/{house.pk}/plate.pdf").status_code == 200
        assert AuditEntry.objects.filter(action="plate.print", actor=reader, subjects__object_type="house",
                                         subjects__object_id=str(house.pk)).exists()


def test_a_community_batch_prints_every_plate_of_the_community(client, tree, officer_a, house):
    from conftest import make_house

    extra = [make_house(tree, f"A-02{i:02d}", f"文一西路200号{i}幢1单元101室", "A1C1G1") for i in range(5)]
    client.force_login(officer_a)
    codes, _text = decode_pdf(client.get("/staff/houses/plates.pdf", {"node": "A1C1"}).content)
    assert sorted(codes) == sorted(plates.plate_url(current_token(h)) for h in [house, *extra])


def test_a_room_number_stays_with_its_room_on_the_printed_plate(client, tree, officer_a):
    from conftest import make_house

    # 23 characters: cut every 22, the line ended in 104 and 室 stood alone on the next
    house = make_house(tree, "A-0104", "浙江省杭州市西湖区北山街道文晖路16号104室", "A1C1G1")
    client.force_login(officer_a)
    _codes, text = decode_pdf(client.get(f"/houses/{house.pk}/plate.pdf").content)
    lines = [line.strip() for line in text.splitlines()]
    assert "浙江省杭州市西湖区北山街道文晖路16号" in lines and "104室" in lines
    assert plates._wrap("浙江省杭州市西湖区文新街道文晖路16号1幢103室", 22) == ["浙江省杭州市西湖区文新街道文晖路16号1幢", "103室"]
    assert plates._wrap("x" * 30, 22) == ["x" * 22, "x" * 8]
