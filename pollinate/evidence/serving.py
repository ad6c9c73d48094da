"""Streaming a stored evidence file to someone the policy already let through.

Headers keep a learner's upload from ever acting as a web page: the stored (sniffed) content type,
``nosniff``, a sandboxing CSP, ``private`` caching, and a download (not a display) for anything that is
not an image, a recording or a video. Range requests are not supported (Django's FileResponse sends the
whole file); browsers still play audio and video, they just cannot seek before it has loaded.
"""

from __future__ import annotations

from django.http import FileResponse
from django.utils.text import slugify

from pollinate.core.errors import NotFound
from pollinate.evidence.models import Evidence
from pollinate.evidence.uploads import EXTENSIONS, is_inline

THUMBNAIL_TYPE = "image/jpeg"


def file_response(evidence: Evidence, *, thumbnail: bool = False) -> FileResponse:
    field = evidence.thumbnail if thumbnail else evidence.file
    if not field:
        raise NotFound("Not found.")
    content_type = THUMBNAIL_TYPE if thumbnail else evidence.content_type
    extension = ".jpg" if thumbnail else EXTENSIONS.get(content_type, "")
    filename = f"{slugify(evidence.title)[:60] or 'evidence'}{extension}"
    response = FileResponse(
        field.open("rb"), as_attachment=not is_inline(content_type), filename=filename,
        content_type=f"{content_type}; charset=utf-8" if content_type == "text/plain" else content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-cache"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response
