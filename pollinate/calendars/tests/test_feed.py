"""The feed a calendar app reads: exactly the owner's live check-ins, correct iCalendar, nothing private."""

from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Calendar

from pollinate.calendars import services
from pollinate.calendars.models import CalendarFeed
from pollinate.calendars.tests.conftest import NOW
from pollinate.calendars.tests.factories import make_check_in
from pollinate.coaching.models import ScheduledCheckIn
from pollinate.core.models import AuditedStudent, AuditEvent
from pollinate.core.tests.audit_statements import audit_statements
from pollinate.people.models import CoachingAssignment

pytestmark = pytest.mark.django_db
S = ScheduledCheckIn.Status
TUESDAY_9 = dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC)


def _feed_url(raw: str) -> str:
    return f"/calendars/feed/{raw}.ics"


def _events(response) -> list:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return list(Calendar.from_ical(response.content).walk("VEVENT"))


def test_feed_holds_exactly_the_owners_live_check_ins(world, client, frozen):
    hosted = make_check_in(
        world.coach,
        world.teacher,
        starts_at=TUESDAY_9,
        school=world.school_a1,
        agenda="Talk about the reading strategy",
        notes="Worried about burnout",
    )
    attended = make_check_in(
        world.lead_coach,
        world.coach,
        starts_at=TUESDAY_9 + dt.timedelta(days=1),
        kind=CoachingAssignment.Kind.LEAD_TO_SITE,
        status=S.PROPOSED,
    )
    held = make_check_in(world.coach, world.teacher, starts_at=TUESDAY_9 - dt.timedelta(days=14), status=S.HELD)
    # Not in the coach's feed: someone else's, cancelled, missed, and outside the 8-weeks-back / 26-ahead window.
    make_check_in(world.mentor, world.student, starts_at=TUESDAY_9, kind=CoachingAssignment.Kind.MENTOR_TO_STUDENT)
    make_check_in(world.coach, world.teacher, starts_at=TUESDAY_9, status=S.CANCELLED)
    make_check_in(world.coach, world.teacher, starts_at=TUESDAY_9, status=S.MISSED)
    make_check_in(world.coach, world.teacher, starts_at=NOW - dt.timedelta(weeks=9))
    make_check_in(world.coach, world.teacher, starts_at=NOW + dt.timedelta(weeks=27))
    _feed, raw = services.calendar_feed_create(actor=world.coach)

    response = client.get(_feed_url(raw))
    events = _events(response)

    assert [str(e["UID"]) for e in events] == [
        f"check-in-{held.pk}@pollinate.check-in",
        f"check-in-{hosted.pk}@pollinate.check-in",
        f"check-in-{attended.pk}@pollinate.check-in",
    ]
    assert [str(e["SUMMARY"]) for e in events] == [
        f"Check-in with {world.teacher.display_name}",
        f"Check-in with {world.teacher.display_name}",
        f"Check-in with {world.lead_coach.display_name}",
    ]
    assert [str(e["STATUS"]) for e in events] == ["CONFIRMED", "CONFIRMED", "TENTATIVE"]
    middle = events[1]
    assert middle.decoded("DTSTART") == TUESDAY_9
    assert middle.decoded("DTEND") == TUESDAY_9 + dt.timedelta(minutes=30)
    assert str(middle["LOCATION"]) == "Alder Elementary"
    assert "LOCATION" not in events[2]
    body = response.content.decode()
    assert "reading strategy" not in body and "burnout" not in body
    assert "DTSTART:20261124T090000Z" in body
    assert response["Cache-Control"] == "private, no-store"


def test_sequence_and_last_modified_follow_changes(world, client, frozen):
    check_in = make_check_in(world.coach, world.teacher, starts_at=TUESDAY_9)
    _feed, raw = services.calendar_feed_create(actor=world.teacher)
    first = _events(client.get(_feed_url(raw)))[0]
    ScheduledCheckIn.objects.filter(pk=check_in.pk).update(
        starts_at=TUESDAY_9 + dt.timedelta(hours=2),
        ends_at=TUESDAY_9 + dt.timedelta(hours=2, minutes=30),
        updated_at=check_in.updated_at + dt.timedelta(minutes=5),
    )
    second = _events(client.get(_feed_url(raw)))[0]
    assert str(first["UID"]) == str(second["UID"])
    assert int(second["SEQUENCE"]) - int(first["SEQUENCE"]) == 300
    assert second.decoded("LAST-MODIFIED") == check_in.updated_at + dt.timedelta(minutes=5)
    assert second.decoded("DTSTART") == TUESDAY_9 + dt.timedelta(hours=2)


def test_escaping_and_folding_of_long_names_round_trip(world, client, frozen):
    world.teacher.preferred_name = 'Ana; María, "Nené"' + " Long" * 20
    world.teacher.save()
    make_check_in(world.coach, world.teacher, starts_at=TUESDAY_9)
    _feed, raw = services.calendar_feed_create(actor=world.coach)
    response = client.get(_feed_url(raw))
    assert all(len(line) <= 75 for line in response.content.split(b"\r\n"))
    assert str(_events(response)[0]["SUMMARY"]) == f"Check-in with {world.teacher.display_name}"


def test_each_token_opens_only_its_owners_feed(world, client, frozen):
    make_check_in(world.coach, world.teacher, starts_at=TUESDAY_9)
    make_check_in(world.mentor, world.student, starts_at=TUESDAY_9, kind=CoachingAssignment.Kind.MENTOR_TO_STUDENT)
    _feed, other_raw = services.calendar_feed_create(actor=world.other_teacher)
    assert _events(client.get(_feed_url(other_raw))) == []


@pytest.mark.parametrize("token", ["pcal_nothing-like-this", "nothing", "pcal_"])
def test_unknown_token_is_404_and_says_nothing(world, client, token):
    make_check_in(world.coach, world.teacher, starts_at=TUESDAY_9)
    services.calendar_feed_create(actor=world.coach)
    response = client.get(_feed_url(token))
    assert response.status_code == 404
    assert world.teacher.display_name not in response.content.decode()
    assert AuditEvent.objects.filter(verb="calendar.feed_read").count() == 0


def test_revoked_and_replaced_addresses_are_404(world, client, frozen):
    make_check_in(world.coach, world.teacher, starts_at=TUESDAY_9)
    first, first_raw = services.calendar_feed_create(actor=world.teacher)
    _second, second_raw = services.calendar_feed_create(actor=world.teacher)
    assert client.get(_feed_url(first_raw)).status_code == 404
    assert len(_events(client.get(_feed_url(second_raw)))) == 1
    live = CalendarFeed.objects.get(person=world.teacher, revoked_at__isnull=True)
    services.calendar_feed_revoke(actor=world.teacher, feed_id=live.pk)
    assert client.get(_feed_url(second_raw)).status_code == 404
    first.refresh_from_db()
    assert first.revoked_at == NOW


def test_a_deactivated_persons_feed_is_404(world, client, frozen):
    make_check_in(world.coach, world.teacher, starts_at=TUESDAY_9)
    _feed, raw = services.calendar_feed_create(actor=world.teacher)
    world.teacher.is_active = False
    world.teacher.save()
    assert client.get(_feed_url(raw)).status_code == 404


def test_only_a_hash_of_the_token_is_stored(world, frozen):
    feed, raw = services.calendar_feed_create(actor=world.teacher)
    feed.refresh_from_db()
    assert raw.startswith("pcal_") and len(raw) > 40
    assert feed.digest == CalendarFeed.digest_of(raw) != raw
    assert feed.prefix == raw[:11]
    assert not CalendarFeed.objects.filter(digest=raw).exists()


def test_a_mentors_feed_read_is_audited_for_the_student(world, client, frozen):
    make_check_in(world.mentor, world.student, starts_at=TUESDAY_9, kind=CoachingAssignment.Kind.MENTOR_TO_STUDENT)
    feed, raw = services.calendar_feed_create(actor=world.mentor)
    client.get(_feed_url(raw))
    event = AuditEvent.objects.get(verb="calendar.feed_read")
    assert event.actor_id == world.mentor.pk
    assert feed.prefix in event.path and raw not in event.path
    assert list(AuditedStudent.objects.values_list("student_id", flat=True)) == [world.student.pk]


def test_student_own_feed_and_coaching_feeds_are_not_audited(world, client, frozen):
    make_check_in(world.mentor, world.student, starts_at=TUESDAY_9, kind=CoachingAssignment.Kind.MENTOR_TO_STUDENT)
    make_check_in(world.coach, world.teacher, starts_at=TUESDAY_9)
    _feed, student_raw = services.calendar_feed_create(actor=world.student)
    _feed, coach_raw = services.calendar_feed_create(actor=world.coach)
    assert len(_events(client.get(_feed_url(student_raw)))) == 1
    assert len(_events(client.get(_feed_url(coach_raw)))) == 1
    assert AuditEvent.objects.filter(verb="calendar.feed_read").count() == 0


def test_last_read_is_noted_at_most_hourly(world, client, frozen):
    feed, raw = services.calendar_feed_create(actor=world.teacher)
    client.get(_feed_url(raw))
    feed.refresh_from_db()
    assert feed.last_read_at == NOW
    frozen.shift(dt.timedelta(minutes=30))
    client.get(_feed_url(raw))
    feed.refresh_from_db()
    assert feed.last_read_at == NOW
    frozen.shift(dt.timedelta(minutes=31))
    client.get(_feed_url(raw))
    feed.refresh_from_db()
    assert feed.last_read_at == NOW + dt.timedelta(minutes=61)


@pytest.mark.parametrize("count", [1, 12])
def test_feed_query_count_does_not_grow_with_check_ins(world, client, frozen, django_assert_num_queries, count):
    for n in range(count):
        make_check_in(
            world.mentor,
            world.student,
            starts_at=TUESDAY_9 + dt.timedelta(days=n),
            kind=CoachingAssignment.Kind.MENTOR_TO_STUDENT,
            school=world.school_a1,
        )
        make_check_in(
            world.lead_coach,
            world.mentor,
            starts_at=TUESDAY_9 + dt.timedelta(days=n, hours=2),
            kind=CoachingAssignment.Kind.LEAD_TO_SITE,
        )
    _feed, raw = services.calendar_feed_create(actor=world.mentor)
    client.get(_feed_url(raw))  # the first read notes last_read_at; the pinned read below does not
    # feed + check-ins + the audit
    with django_assert_num_queries(2 + audit_statements()):
        response = client.get(_feed_url(raw))
    assert len(_events(response)) == 2 * count
