"""Keys and primitives for personal data at rest.

All keys derive from settings.ANJU_DATA_KEY with HKDF, one per purpose, so a
leaked blind-index key does not decrypt anything and vice versa.

- encrypt/decrypt: AES-256-GCM, output "v1:" + urlsafe base64(nonce || ciphertext).
- blind_index: HMAC-SHA256 of the normalised value, for exact lookup without decrypting.
"""
import base64
import functools
import hashlib
import hmac
import os

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

_VERSION = "v1"


@functools.cache
def derived_key(purpose: str) -> bytes:
    master = settings.ANJU_DATA_KEY.encode()
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"anju", info=purpose.encode()).derive(master)


@functools.cache
def _aead() -> AESGCM:
    return AESGCM(derived_key("field-encryption"))


def encrypt(plaintext: str) -> str:
    nonce = os.urandom(12)
    sealed = _aead().encrypt(nonce, plaintext.encode(), None)
    return f"{_VERSION}:" + base64.urlsafe_b64encode(nonce + sealed).decode()


def decrypt(token: str) -> str:
    version, _, body = token.partition(":")
    if version != _VERSION:
        raise ValueError(f"unknown ciphertext version {version!r}")
    raw = base64.urlsafe_b64decode(body)
    return _aead().decrypt(raw[:12], raw[12:], None).decode()


def encrypt_bytes(data: bytes) -> bytes:
    """A file's content sealed like a field (nonce + AES-GCM), for photos kept on disk."""
    nonce = os.urandom(12)
    return _VERSION.encode() + b":" + nonce + _aead().encrypt(nonce, data, None)


def decrypt_bytes(sealed: bytes) -> bytes:
    version, _, raw = sealed.partition(b":")
    if version != _VERSION.encode():
        raise ValueError(f"unknown ciphertext version {version!r}")
    return _aead().decrypt(raw[:12], raw[12:], None)


def blind_index(value: str, *, purpose: str = "id-number") -> str:
    return hmac.new(derived_key(f"blind-index:{purpose}"), value.encode(), hashlib.sha256).hexdigest()


def mac(message: bytes, *, purpose: str) -> str:
    return hmac.new(derived_key(f"mac:{purpose}"), message, hashlib.sha256).hexdigest()
