"""Checking uploaded evidence files by what they contain, never by their name or the browser's claim.

``inspect_upload(upload, kind=..., max_bytes=...)`` reads the first bytes (and, for images, lets Pillow
parse and verify the whole file) and returns the real content type, or raises ``ApplicationError`` with a
message a learner can act on. Nothing is written anywhere here: the caller stores the file only after
this has passed. ``make_thumbnail`` turns an image into a small JPEG for lists and portfolios.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from dataclasses import dataclass
from typing import IO

from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from pollinate.core.errors import ApplicationError

# Larger images are refused even when Pillow would open them: a 40-megapixel photo is already far beyond
# what a phone camera produces, and decoding one costs ~160 MB of memory on the server.
MAX_IMAGE_PIXELS = 40_000_000
THUMBNAIL_SIZE = (480, 480)
SNIFF_BYTES = 4096

IMAGE_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif", "WEBP": "image/webp"}
AUDIO_TYPES = {"audio/webm", "audio/ogg", "audio/mp4", "audio/mpeg"}
VIDEO_TYPES = {"video/webm", "video/mp4"}
DOCUMENT_TYPES = {
    "application/pdf",
    "text/plain",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.text",
}
EXTENSIONS = {
    "image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif", "image/webp": ".webp",
    "audio/webm": ".webm", "audio/ogg": ".ogg", "audio/mp4": ".m4a", "audio/mpeg": ".mp3",
    "video/webm": ".webm", "video/mp4": ".mp4", "application/pdf": ".pdf", "text/plain": ".txt",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": ".pptx",
    "application/vnd.oasis.opendocument.text": ".odt",
}
# Office documents are zip files; the entry that proves which kind each one is.
OOXML_MARKERS = {
    "word/document.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/workbook.xml": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt/presentation.xml": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
# Shown inline by the browser; everything else is sent as a download.
INLINE_PREFIXES = ("image/", "audio/", "video/")


@dataclass(frozen=True)
class CheckedFile:
    content_type: str
    size: int
    is_image: bool

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.content_type]


def refuse(message: str) -> ApplicationError:
    return ApplicationError(message)


def inspect_upload(upload: IO[bytes], *, kind: str, size: int, max_bytes: int) -> CheckedFile:
    """The real type of ``upload`` if it is allowed for evidence of ``kind``; raises ApplicationError if not."""
    if size <= 0:
        raise refuse(_("The file is empty."))
    if size > max_bytes:
        raise refuse(
            _("The file is too large (%(size)s MB). Your district allows files up to %(limit)s MB.")
            % {"size": _megabytes(size), "limit": _megabytes(max_bytes)}
        )
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    content_type = _sniff(head, upload, kind=kind)
    is_image = content_type.startswith("image/")
    if is_image:
        _check_image(upload, content_type)
    _check_kind(kind, content_type)
    upload.seek(0)
    return CheckedFile(content_type=content_type, size=size, is_image=is_image)


def make_thumbnail(upload: IO[bytes]) -> bytes:
    """A JPEG no larger than THUMBNAIL_SIZE, transparency flattened onto white."""
    upload.seek(0)
    with Image.open(upload) as image:
        image.seek(0)
        image.thumbnail(THUMBNAIL_SIZE)
        if image.mode in ("RGBA", "LA", "P"):
            rgba = image.convert("RGBA")
            flat = Image.new("RGB", rgba.size, (255, 255, 255))
            flat.paste(rgba, mask=rgba.getchannel("A"))
            image = flat
        elif image.mode != "RGB":
            image = image.convert("RGB")
        out = io.BytesIO()
        image.save(out, format="JPEG", quality=82)
    upload.seek(0)
    return out.getvalue()


def is_inline(content_type: str) -> bool:
    return content_type.startswith(INLINE_PREFIXES)


def _megabytes(size: int) -> str:
    value = size / (1024 * 1024)
    return f"{value:.0f}" if value >= 10 else f"{value:.1f}"


def _sniff(head: bytes, upload: IO[bytes], *, kind: str) -> str:
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        # Matroska; only its WebM profile is something every browser plays.
        if b"webm" not in head[:64]:
            raise refuse(_("This video format is not accepted. Please use WebM or MP4."))
        return "audio/webm" if kind == "audio" else "video/webm"
    if head.startswith(b"OggS"):
        return "audio/ogg"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in (b"M4A ", b"M4B ") or kind == "audio":
            return "audio/mp4"
        return "video/mp4"
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and (head[1] & 0xE0) == 0xE0):
        return "audio/mpeg"
    if head.startswith(b"PK\x03\x04"):
        return _office_type(upload)
    if head.startswith((b"MZ", b"\x7fELF")) or head[:4] in (b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe"):
        raise refuse(_("Programs cannot be uploaded as evidence."))
    return _text_type(upload)


def _office_type(upload: IO[bytes]) -> str:
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" in names:
                for marker, content_type in OOXML_MARKERS.items():
                    if marker in names:
                        return content_type
            if (
                "mimetype" in names
                and archive.getinfo("mimetype").file_size < 100
                and archive.read("mimetype").strip() == ODT_MIMETYPE
            ):
                return "application/vnd.oasis.opendocument.text"
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError) as exc:
        raise refuse(_("This file looks damaged and could not be opened.")) from exc
    finally:
        upload.seek(0)
    raise refuse(_("Zip archives cannot be uploaded. Office documents (Word, Excel, PowerPoint, OpenDocument "
                   "text) are welcome."))


def _text_type(upload: IO[bytes]) -> str:
    upload.seek(0)
    raw = upload.read()
    upload.seek(0)
    if b"\x00" in raw:
        raise refuse(_("This kind of file is not accepted. Try a photo, a PDF, a recording or a document."))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise refuse(
            _("This kind of file is not accepted. Try a photo, a PDF, a recording or a document.")
        ) from exc
    lowered = text.lower()
    if "<svg" in lowered:
        raise refuse(_("SVG images cannot be uploaded because they can carry scripts. Please save it as PNG."))
    # Browsers may treat anything that looks like a web page as one; a learner's text never needs markup.
    if lowered.lstrip().startswith("<") or any(tag in lowered for tag in ("<script", "<html", "<iframe", "<body")):
        raise refuse(_("Web pages and other markup cannot be uploaded. Add a link, or paste the text instead."))
    return "text/plain"


def _check_image(upload: IO[bytes], content_type: str) -> None:
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow only warns between its own limit and twice it; treat both the same.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                width, height = image.size
                fmt = image.format
                if width * height > MAX_IMAGE_PIXELS:
                    raise refuse(_too_big_image(width, height))
                image.verify()
            # verify() leaves the image unusable; decode it fully once to catch truncated pixel data.
            upload.seek(0)
            with Image.open(upload) as image:
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise refuse(_("This image is far too large to open safely.")) from exc
    except ApplicationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise refuse(_("This image looks damaged and could not be opened.")) from exc
    finally:
        upload.seek(0)
    if IMAGE_TYPES.get(fmt or "") != content_type:
        raise refuse(_("This image looks damaged and could not be opened."))


def _too_big_image(width: int, height: int) -> str:
    return _("This image is %(width)s × %(height)s pixels; the largest accepted is 40 megapixels.") % {
        "width": width, "height": height,
    }


def _check_kind(kind: str, content_type: str) -> None:
    allowed = {
        "photo": set(IMAGE_TYPES.values()),
        "drawing": {"image/png", "image/jpeg", "image/webp"},
        "audio": AUDIO_TYPES,
        "video": VIDEO_TYPES,
        "file": set(IMAGE_TYPES.values()) | AUDIO_TYPES | VIDEO_TYPES | DOCUMENT_TYPES,
    }.get(kind, set())
    if content_type not in allowed:
        messages = {
            "photo": _("A photo must be a PNG, JPEG, GIF or WebP image."),
            "drawing": _("A drawing must be a PNG, JPEG or WebP image."),
            "audio": _("An audio recording must be WebM, Ogg, MP4 (M4A) or MP3."),
            "video": _("A video must be WebM or MP4."),
        }
        raise refuse(messages.get(kind, _("This kind of file is not accepted.")))
