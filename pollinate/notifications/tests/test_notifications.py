from __future__ import annotations

import pytest
from django.urls import reverse

from pollinate.core.errors import NotFound
from pollinate.notifications import queries, services
from pollinate.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_notify_writes_one_row_for_the_recipient(world):
    note = services.notify(recipient=world.student, actor=world.teacher, message="Hello", url="/goals/1/")
    assert note is not None
    row = Notification.objects.get()
    assert (row.recipient_id, row.actor_id, row.message, row.url, row.read_at) == (
        world.student.pk, world.teacher.pk, "Hello", "/goals/1/", None,
    )


def test_notify_skips_telling_people_what_they_did_themselves(world):
    assert services.notify(recipient=world.student, actor=world.student, message="Me") is None
    assert Notification.objects.count() == 0


def test_notify_cuts_long_messages_and_drops_links_that_do_not_fit(world):
    services.notify(recipient=world.student, actor=world.teacher, message="x" * 400, url="/" + "y" * 400)
    row = Notification.objects.get()
    assert len(row.message) == 300
    assert row.message.endswith("…")
    assert row.url == ""


def test_unread_count_and_list_are_only_the_viewers(world, django_assert_num_queries):
    for i in range(3):
        services.notify(recipient=world.student, actor=world.teacher, message=f"m{i}")
    services.notify(recipient=world.other_student, actor=world.teacher, message="other")
    with django_assert_num_queries(1):
        assert queries.unread_count(viewer=world.student) == 3
    with django_assert_num_queries(1):
        rows = list(queries.notification_list(viewer=world.student))
        assert [r.message for r in rows] == ["m2", "m1", "m0"]
        assert {r.actor.display_name for r in rows} == {world.teacher.display_name}


def test_mark_read_refuses_someone_elses_notification(world):
    note = services.notify(recipient=world.student, actor=world.teacher, message="Hi")
    with pytest.raises(NotFound):
        services.mark_read(actor=world.other_student, notification_id=note.pk)
    note.refresh_from_db()
    assert note.read_at is None


def test_mark_read_and_mark_all_read(world):
    first = services.notify(recipient=world.student, actor=world.teacher, message="a")
    services.notify(recipient=world.student, actor=world.teacher, message="b")
    other = services.notify(recipient=world.other_student, actor=world.teacher, message="c")
    services.mark_read(actor=world.student, notification_id=first.pk)
    assert queries.unread_count(viewer=world.student) == 1
    assert services.mark_all_read(actor=world.student) == 1
    assert queries.unread_count(viewer=world.student) == 0
    other.refresh_from_db()
    assert other.read_at is None


def test_page_lists_own_notifications_only(world, client_for):
    services.notify(recipient=world.student, actor=world.teacher, message="Your goal was agreed", url="/goals/9/")
    services.notify(recipient=world.other_student, actor=world.teacher, message="Secret for someone else")
    response = client_for(world.student).get(reverse("notifications:list"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Your goal was agreed" in body
    assert 'href="/goals/9/"' in body
    assert "Secret for someone else" not in body


def test_page_query_count_does_not_grow_with_notifications(world, client_for, django_assert_max_num_queries):
    for i in range(25):
        services.notify(recipient=world.student, actor=world.teacher, message=f"n{i}")
    client = client_for(world.student)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("notifications:list")).status_code == 200


def test_mark_read_by_page_plain_post_and_htmx(world, client_for):
    a = services.notify(recipient=world.student, actor=world.teacher, message="a")
    b = services.notify(recipient=world.student, actor=world.teacher, message="b")
    client = client_for(world.student)
    response = client.post(reverse("notifications:mark-read", args=[a.pk]))
    assert response.status_code == 302
    response = client.post(reverse("notifications:mark-read", args=[b.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert 'id="notification-list"' in response.content.decode()
    assert "<html" not in response.content.decode()
    assert Notification.objects.filter(read_at__isnull=True).count() == 0


def test_marking_someone_elses_notification_by_page_is_404_and_changes_nothing(world, client_for):
    note = services.notify(recipient=world.student, actor=world.teacher, message="a")
    response = client_for(world.other_student).post(reverse("notifications:mark-read", args=[note.pk]))
    assert response.status_code == 404
    note.refresh_from_db()
    assert note.read_at is None


def test_mark_all_read_page(world, client_for):
    services.notify(recipient=world.student, actor=world.teacher, message="a")
    response = client_for(world.student).post(reverse("notifications:mark-all-read"))
    assert response.status_code == 302
    assert queries.unread_count(viewer=world.student) == 0


def test_badge_shows_the_unread_count(world, client_for):
    services.notify(recipient=world.student, actor=world.teacher, message="a")
    services.notify(recipient=world.student, actor=world.teacher, message="b")
    response = client_for(world.student).get(reverse("notifications:badge"))
    assert response.status_code == 200
    assert '<span class="badge">2' in response.content.decode()


def test_badge_template_tag_renders_for_the_request_user(world, rf):
    from django.template import Context, Template

    services.notify(recipient=world.student, actor=world.teacher, message="a")
    request = rf.get("/")
    request.user = world.student
    html = Template("{% load notifications %}{% notifications_badge %}").render(Context({"request": request}))
    assert '<span class="badge">1' in html
    request.user = world.teacher
    html = Template("{% load notifications %}{% notifications_badge %}").render(Context({"request": request}))
    assert 'class="badge"' not in html


def test_api_lists_and_marks_read(world, client_for):
    note = services.notify(recipient=world.student, actor=world.teacher, message="a")
    services.notify(recipient=world.other_student, actor=world.teacher, message="not yours")
    client = client_for(world.student)
    data = client.get("/api/v1/notifications").json()
    assert data["count"] == 1
    assert data["unread"] == 1
    assert [i["message"] for i in data["items"]] == ["a"]
    assert data["items"][0]["actor_name"] == world.teacher.display_name
    response = client.post(f"/api/v1/notifications/{note.pk}/read")
    assert response.status_code == 200
    assert response.json()["read_at"] is not None
    assert client.get("/api/v1/notifications?unread=true").json()["count"] == 0


def test_api_refuses_someone_elses_notification(world, client_for):
    note = services.notify(recipient=world.student, actor=world.teacher, message="a")
    response = client_for(world.other_student).post(f"/api/v1/notifications/{note.pk}/read")
    assert response.status_code == 404
    note.refresh_from_db()
    assert note.read_at is None


def test_api_mark_all_read(world, client_for):
    services.notify(recipient=world.student, actor=world.teacher, message="a")
    services.notify(recipient=world.student, actor=world.teacher, message="b")
    response = client_for(world.student).post("/api/v1/notifications/read-all")
    assert response.json() == {"marked": 2}
