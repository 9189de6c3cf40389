"""The registration certificate: a PDF whose QR verifies offline; a tampered code fails."""
import io

import pypdfium2
import zxingcpp

from anju.core.documents import public_key_pem, sign_document, verify_document
from anju.registrations.models import Registration
from anju.registrations.services import declaration_approve


def qr_in_pdf(content: bytes) -> str:
    page = pypdfium2.PdfDocument(io.BytesIO(content))[0]
    # QR codes only: zxing may also read a line of the printed text as a one-dimensional barcode (seen once in CI)
    [code] = zxingcpp.read_barcodes(page.render(scale=3).to_pil(), formats=zxingcpp.BarcodeFormat.QRCode)
    return code.text


def registered(officer_a, resident, declare_as):
    return declaration_approve(actor=officer_a, declaration=declare_as(resident))


def test_the_resident_downloads_a_certificate_whose_qr_verifies(client, officer_a, resident, declare_as):
    registration = registered(officer_a, resident, declare_as)
    client.force_login(resident)
    response = client.get(f"/me/registrations/{registration.pk}/certificate.pdf")
    assert response["Content-Type"] == "application/pdf"
    url = qr_in_pdf(response.content)
    path = url.split("127.0.0.1:8000", 1)[1]
    page = client.get(path).content.decode()
    assert "验证通过" in page and registration.number in page and registration.id_masked in page
    assert registration.id_number not in page  # the QR carries the masked number only


def test_verification_needs_no_database_lookup(client, officer_a, resident, declare_as):
    registration = registered(officer_a, resident, declare_as)
    token = sign_document({"t": "居住登记凭证", "no": registration.number, "name": registration.name})
    Registration.objects.all().update(name="改过的名字")
    assert "验证通过" in client.get(f"/v/{token}").content.decode()


def test_a_tampered_certificate_fails(client):
    token = sign_document({"t": "居住登记凭证", "no": "DJ1", "name": "周八", "addr": "文一西路500号"})
    body, signature = token.split(".")
    import base64
    import json

    payload = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    payload["addr"] = "别的地址"
    forged_body = base64.urlsafe_b64encode(json.dumps(payload, ensure_ascii=False, sort_keys=True,
                                                      separators=(",", ":")).encode()).decode().rstrip("=")
    response = client.get(f"/v/{forged_body}.{signature}")
    assert response.status_code == 400 and "验证未通过" in response.content.decode()
    assert client.get("/v/garbage").status_code == 400
    assert client.get(f"/v/{body}.{signature[:-2]}AA").status_code == 400


def test_anyone_can_check_offline_with_the_public_key():
    from cryptography.hazmat.primitives.serialization import load_pem_public_key
    import base64

    token = sign_document({"no": "DJ1"})
    body, signature = (base64.urlsafe_b64decode(p + "=" * (-len(p) % 4)) for p in token.split("."))
    load_pem_public_key(public_key_pem().encode()).verify(signature, body)  # raises if invalid
    assert verify_document(token) == {"no": "DJ1"}


def test_another_resident_cannot_download_my_certificate(client, officer_a, resident, declare_as, make_user):
    registration = registered(officer_a, resident, declare_as)
    other = make_user("13900000009", "resident", None, phone="13900000009", password=None)
    client.force_login(other)
    assert client.get(f"/me/registrations/{registration.pk}/certificate.pdf").status_code == 404
