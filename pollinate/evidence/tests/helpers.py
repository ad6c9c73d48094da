"""Tiny real files for upload tests, and a way to make evidence without going through a page."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from pollinate.evidence import services
from pollinate.evidence.models import Evidence


def png_bytes(width: int = 1, height: int = 1, colour: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, format="PNG")
    return out.getvalue()


def jpeg_bytes(width: int = 8, height: int = 8) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (10, 120, 60)).save(out, format="JPEG")
    return out.getvalue()


def png_declaring(width: int, height: int) -> bytes:
    """A PNG whose header claims these dimensions but carries almost no pixel data (a decompression bomb)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 16))
            + chunk(b"IEND", b""))


def docx_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def stored_files(folder: str = "evidence") -> set[str]:
    """Every file name under ``folder`` in the default storage (InMemoryStorage in tests)."""
    if not default_storage.exists(folder):
        return set()
    dirs, files = default_storage.listdir(folder)
    found = {f"{folder}/{f}" for f in files}
    for d in dirs:
        found |= stored_files(f"{folder}/{d}")
    return found


def make_photo(learner, *, audience: str, title: str = "My plant", in_portfolio: bool = False) -> Evidence:
    return services.evidence_create(
        actor=learner, kind="photo", title=title, upload=upload("plant.png", png_bytes(4, 3), "image/png"),
        audience=audience, in_portfolio=in_portfolio,
    )


def make_writing(learner, *, audience: str = "guides", body: str = "Hello", title: str = "Notes") -> Evidence:
    return services.evidence_create(actor=learner, kind="writing", title=title, body=body, audience=audience)
