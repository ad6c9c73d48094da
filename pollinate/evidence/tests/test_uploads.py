"""Every upload rule: files are judged by their content; refusals explain why and store nothing."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage
from PIL import Image

from pollinate.core.errors import ApplicationError
from pollinate.evidence import services
from pollinate.evidence.models import DistrictEvidenceSettings, Evidence
from pollinate.evidence.tests.helpers import (
    docx_bytes,
    jpeg_bytes,
    png_bytes,
    png_declaring,
    stored_files,
    upload,
)

SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
SVG_REFUSED = "SVG images cannot be uploaded because they can carry scripts. Please save it as PNG."
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64


def _create(learner, kind, name, content, content_type="image/png"):
    return services.evidence_create(actor=learner, kind=kind, title="Mine", upload=upload(name, content, content_type))


@pytest.mark.parametrize(
    ("kind", "name", "content", "message"),
    [
        ("photo", "holiday.png", EXE, "Programs cannot be uploaded as evidence."),
        ("file", "holiday.png", EXE, "Programs cannot be uploaded as evidence."),
        ("photo", "logo.svg", SVG, SVG_REFUSED),
        ("file", "logo.png", SVG, SVG_REFUSED),
        (
            "file",
            "page.txt",
            b"<html><body><script>alert(1)</script></body></html>",
            "Web pages and other markup cannot be uploaded. Add a link, or paste the text instead.",
        ),
        ("photo", "bomb.png", png_declaring(100_000, 100_000), "This image is far too large to open safely."),
        (
            "photo",
            "huge.png",
            png_declaring(10_000, 5_000),
            "This image is 10000 × 5000 pixels; the largest accepted is 40 megapixels.",
        ),
        ("photo", "broken.png", png_bytes()[:40], "This image looks damaged and could not be opened."),
        ("photo", "notes.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "A photo must be a PNG, JPEG, GIF or WebP image."),
        ("audio", "song.png", png_bytes(), "An audio recording must be WebM, Ogg, MP4 (M4A) or MP3."),
        ("file", "archive.zip", b"PK\x03\x04" + b"\x00" * 40, "This file looks damaged and could not be opened."),
        ("file", "empty.txt", b"", "The file is empty."),
    ],
)
def test_refused_upload_explains_and_stores_nothing(world, kind, name, content, message):
    before = stored_files()
    with pytest.raises(ApplicationError) as refused:
        _create(world.student, kind, name, content)
    assert refused.value.message == message
    assert Evidence.objects.count() == 0
    assert stored_files() == before


def test_pillow_bomb_limit_is_respected_when_set_lower(world, monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 10)
    before = stored_files()
    with pytest.raises(ApplicationError) as refused:
        _create(world.student, "photo", "small.png", png_bytes(8, 8))
    assert refused.value.message == "This image is far too large to open safely."
    assert Evidence.objects.count() == 0
    assert stored_files() == before


def test_file_over_the_district_limit_is_refused(world):
    DistrictEvidenceSettings.objects.create(district=world.student.district, max_upload_mb=1)
    before = stored_files()
    big = png_bytes() + b"\x00" * (1024 * 1024)
    with pytest.raises(ApplicationError) as refused:
        _create(world.student, "photo", "big.png", big)
    assert refused.value.message == "The file is too large (1.0 MB). Your district allows files up to 1.0 MB."
    assert Evidence.objects.count() == 0
    assert stored_files() == before


def test_photo_is_stored_under_a_random_name_with_a_thumbnail(world):
    piece = _create(world.student, "photo", "my secret diary.png", png_bytes(1200, 600))
    assert piece.content_type == "image/png"
    assert piece.original_name == "my secret diary.png"
    assert "secret" not in piece.file.name
    assert piece.file.name.startswith("evidence/") and piece.file.name.endswith(".png")
    assert default_storage.exists(piece.file.name)
    with default_storage.open(piece.thumbnail.name) as thumb, Image.open(thumb) as image:
        assert image.format == "JPEG"
        assert image.size == (480, 240)


@pytest.mark.parametrize(
    ("kind", "content", "content_type", "has_thumbnail"),
    [
        ("photo", jpeg_bytes(), "image/jpeg", True),
        ("drawing", png_bytes(20, 10), "image/png", True),
        ("file", b"%PDF-1.7\n1 0 obj\n", "application/pdf", False),
        ("file", "Plain words, ñ and all.\n".encode(), "text/plain", False),
        ("file", docx_bytes(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", False),
        ("audio", b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm" + b"\x00" * 32, "audio/webm", False),
        ("audio", b"OggS\x00\x02" + b"\x00" * 40, "audio/ogg", False),
        ("audio", b"ID3\x04\x00" + b"\x00" * 40, "audio/mpeg", False),
        ("audio", b"\x00\x00\x00\x20ftypM4A " + b"\x00" * 40, "audio/mp4", False),
        ("video", b"\x00\x00\x00\x20ftypisom" + b"\x00" * 40, "video/mp4", False),
        ("video", b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm" + b"\x00" * 32, "video/webm", False),
    ],
)
def test_accepted_files_get_their_type_from_content(world, kind, content, content_type, has_thumbnail):
    piece = _create(world.student, kind, "whatever.bin", content, "application/x-anything")
    assert piece.content_type == content_type
    assert bool(piece.thumbnail) is has_thumbnail
    assert piece.file_size == len(content)


def test_refused_upload_through_the_page_shows_the_message_and_stores_nothing(world, client_for):
    before = stored_files()
    response = client_for(world.student).post(
        "/evidence/add/?mode=photo",
        {"kind": "photo", "title": "Cat", "audience": "guides", "file": upload("cat.png", EXE)},
    )
    assert response.status_code == 400
    assert "Programs cannot be uploaded as evidence." in response.content.decode()
    assert Evidence.objects.count() == 0
    assert stored_files() == before


def test_refused_upload_through_the_api_answers_400_and_stores_nothing(world, client_for):
    before = stored_files()
    response = client_for(world.student).post(
        "/api/v1/evidence/upload", {"kind": "photo", "title": "Logo", "file": upload("logo.svg", SVG)}
    )
    assert response.status_code == 400
    assert response.json()["detail"].startswith("SVG images cannot be uploaded")
    assert Evidence.objects.count() == 0
    assert stored_files() == before


def test_served_file_has_safe_headers(world, client_for):
    piece = _create(world.student, "file", "notes.txt", b"My notes\n", "text/plain")
    response = client_for(world.teacher).get(f"/evidence/{piece.pk}/file")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-cache"
    assert response["Content-Disposition"] == 'attachment; filename="mine.txt"'
    assert b"".join(response.streaming_content) == b"My notes\n"


def test_images_are_shown_inline(world, client_for):
    piece = _create(world.student, "photo", "p.png", png_bytes())
    response = client_for(world.student).get(f"/evidence/{piece.pk}/file")
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'inline; filename="mine.png"'
    thumb = client_for(world.student).get(f"/evidence/{piece.pk}/thumbnail")
    assert thumb["Content-Type"] == "image/jpeg"


def test_deleting_removes_the_row_and_its_files(world, django_capture_on_commit_callbacks):
    piece = _create(world.student, "photo", "p.png", png_bytes())
    names = {piece.file.name, piece.thumbnail.name}
    with django_capture_on_commit_callbacks(execute=True):
        services.evidence_delete(actor=world.student, evidence_id=piece.pk)
    assert Evidence.objects.count() == 0
    assert not any(default_storage.exists(name) for name in names)


def test_a_byte_range_is_served_alone_so_players_can_seek(world, client_for):
    piece = _create(world.student, "file", "notes.txt", b"0123456789", "text/plain")
    client = client_for(world.teacher)
    url = f"/evidence/{piece.pk}/file"

    part = client.get(url, HTTP_RANGE="bytes=2-5")
    assert part.status_code == 206
    assert (part["Content-Range"], part["Content-Length"], part["Accept-Ranges"]) == ("bytes 2-5/10", "4", "bytes")
    assert b"".join(part.streaming_content) == b"2345"
    assert (part["X-Content-Type-Options"], part["Content-Disposition"]) == (
        "nosniff",
        'attachment; filename="mine.txt"',
    )
    assert b"".join(client.get(url, HTTP_RANGE="bytes=7-").streaming_content) == b"789"
    assert b"".join(client.get(url, HTTP_RANGE="bytes=-3").streaming_content) == b"789"
    assert b"".join(client.get(url, HTTP_RANGE="bytes=8-99").streaming_content) == b"89"

    beyond = client.get(url, HTTP_RANGE="bytes=10-")
    assert (beyond.status_code, beyond["Content-Range"]) == (416, "bytes */10")
    for whole in ("bytes=0-1,4-5", "items=0-1", "bytes=5-2", "bytes=-"):
        response = client.get(url, HTTP_RANGE=whole)
        assert (response.status_code, b"".join(response.streaming_content)) == (200, b"0123456789"), whole
    assert client.get(url, HTTP_RANGE="bytes=0-1", HTTP_IF_RANGE="x").status_code == 200


def test_a_range_does_not_open_another_learners_file(world, client_for):
    piece = _create(world.student, "file", "notes.txt", b"0123456789", "text/plain")
    response = client_for(world.other_student).get(f"/evidence/{piece.pk}/file", HTTP_RANGE="bytes=0-3")
    assert response.status_code == 404
