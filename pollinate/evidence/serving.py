"""Streaming a stored evidence file to someone the policy already let through.

Headers keep a learner's upload from ever acting as a web page: the stored (sniffed) content type,
``nosniff``, a sandboxing CSP, ``private`` caching, and a download (not a display) for anything that is
not an image, a recording or a video.

A single byte range (``Range: bytes=a-b``, ``a-`` or ``-n``) is answered with 206 and only those bytes, so
recordings and videos can be sought before they have loaded and Safari on a phone plays them at all (it asks for
ranges first). Several ranges, a malformed header or an ``If-Range`` (we send no validators to match it against)
get the whole file, as the HTTP rules allow; a range past the end gets 416.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import IO

from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header
from django.utils.text import slugify

from pollinate.core.errors import NotFound
from pollinate.evidence.models import Evidence
from pollinate.evidence.uploads import EXTENSIONS, is_inline

THUMBNAIL_TYPE = "image/jpeg"
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
_CHUNK = 64 * 1024


def file_response(evidence: Evidence, *, thumbnail: bool = False, request: HttpRequest | None = None) -> HttpResponse:
    field = evidence.thumbnail if thumbnail else evidence.file
    if not field:
        raise NotFound("Not found.")
    content_type = THUMBNAIL_TYPE if thumbnail else evidence.content_type
    extension = ".jpg" if thumbnail else EXTENSIONS.get(content_type, "")
    filename = f"{slugify(evidence.title)[:60] or 'evidence'}{extension}"
    header_type = f"{content_type}; charset=utf-8" if content_type == "text/plain" else content_type
    as_attachment = not is_inline(content_type)
    wanted = _range(request, field.size) if request is not None else None
    if wanted == "unsatisfiable":
        response: HttpResponse = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{field.size}"
    elif wanted is not None:
        start, end = wanted
        handle = field.storage.open(field.name, "rb")
        response = StreamingHttpResponse(_read(handle, start, end - start + 1), status=206, content_type=header_type)
        response["Content-Range"] = f"bytes {start}-{end}/{field.size}"
        response["Content-Length"] = str(end - start + 1)
        response["Content-Disposition"] = content_disposition_header(as_attachment, filename)
    else:
        response = FileResponse(
            field.open("rb"), as_attachment=as_attachment, filename=filename, content_type=header_type
        )
    response["Accept-Ranges"] = "bytes"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-cache"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response


def _range(request: HttpRequest, size: int) -> tuple[int, int] | str | None:
    """(first, last) byte asked for, "unsatisfiable", or None for the whole file."""
    header = request.META.get("HTTP_RANGE", "").strip()
    if not header or "HTTP_IF_RANGE" in request.META or request.method not in ("GET", "HEAD"):
        return None
    match = _RANGE.match(header.replace(" ", ""))
    if match is None:
        return None  # several ranges, or not bytes: the whole file is a correct answer
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # the last n bytes
        n = int(last)
        if n == 0:
            return "unsatisfiable"
        return max(0, size - n), size - 1
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if start >= size:
        return "unsatisfiable"
    if end < start:
        return None
    return start, end


def _read(handle: IO[bytes], start: int, length: int) -> Iterator[bytes]:
    # Seek when the body is sent, not before: a storage may hand the same file object to another opener meanwhile
    # (the in-memory one does), and opening rewinds it.
    try:
        handle.seek(start)
        while length > 0:
            chunk = handle.read(min(_CHUNK, length))
            if not chunk:
                break
            length -= len(chunk)
            yield chunk
    finally:
        handle.close()
