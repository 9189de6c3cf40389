"""Verifiable electronic documents: a QR code carrying the content and an Ed25519 signature over it.

Anyone holding the public key (served at /v/key.pem) can check a document
offline; the server's check page does the same computation, without looking
anything up in the database.
"""
import base64
import functools
import json

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from anju.core.crypto import derived_key
from anju.lib.bilingual import bilingual


class DocumentError(ValueError):
    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@functools.cache
def _private_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(derived_key("document-signing"))


def public_key_pem() -> str:
    return _private_key().public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()


def sign_document(payload: dict) -> str:
    body = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
    return f"{_b64(body)}.{_b64(_private_key().sign(body))}"


def _malformed() -> DocumentError:
    return DocumentError("malformed", bilingual("凭证码格式不正确", "the document code is malformed"))


def verify_document(token: str) -> dict:
    body_text, dot, signature_text = (token or "").strip().partition(".")
    try:
        body, signature = _unb64(body_text), _unb64(signature_text)
    except (ValueError, TypeError):
        raise _malformed() from None
    if not dot or len(signature) != 64:
        raise _malformed()
    try:
        _private_key().public_key().verify(signature, body)
    except InvalidSignature:
        forged = bilingual("签名校验失败：凭证内容被改动或不是本平台签发",
                           "the signature does not match: altered, or not issued by this platform")
        raise DocumentError("forged", forged) from None
    try:
        return json.loads(body)
    except ValueError:
        raise _malformed() from None
