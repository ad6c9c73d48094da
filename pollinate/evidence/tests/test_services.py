"""Writing, links, audiences and district rules, attachments, and the audit of changes."""

from __future__ import annotations

import datetime

import pytest
import time_machine

from pollinate.core.errors import ApplicationError, NotFound
from pollinate.core.models import AuditEvent
from pollinate.evidence import services
from pollinate.evidence.models import DistrictEvidenceSettings, Evidence
from pollinate.evidence.tests.helpers import make_writing
from pollinate.goals.models import Goal


def test_writing_is_sanitized(world):
    piece = make_writing(world.student, body='<p onclick="x()">Hi <script>alert(1)</script><b>there</b></p>'
                                            '<img src=x onerror=alert(1)><a href="javascript:alert(1)">link</a>')
    assert piece.body == '<p>Hi <b>there</b></p><a rel="noopener noreferrer nofollow">link</a>'


def test_plain_text_becomes_paragraphs_and_is_escaped(world):
    piece = make_writing(world.student, body="First line\nsame paragraph\n\nSecond & <last>")
    assert piece.body == "<p>First line<br>same paragraph</p><p>Second &amp; &lt;last&gt;</p>"


def test_empty_writing_is_refused(world):
    with pytest.raises(ApplicationError) as refused:
        make_writing(world.student, body="<p> </p><script>x</script>")
    assert refused.value.message == "Write something before saving."
    assert Evidence.objects.count() == 0


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.org/x", "not a url", ""])
def test_links_must_be_web_addresses(world, url):
    with pytest.raises(ApplicationError) as refused:
        services.evidence_create(actor=world.student, kind="link", title="Site", link_url=url)
    assert refused.value.message == "Enter a web address starting with http:// or https://."
    assert Evidence.objects.count() == 0


def test_default_audience_is_my_guides(world):
    assert make_writing(world.student, audience=None).audience == "guides"


@time_machine.travel(datetime.datetime(2026, 11, 23, 12, tzinfo=datetime.UTC))
def test_public_showcase_refused_under_the_districts_minimum_age(world):
    world.student.birth_date = datetime.date(2013, 11, 24)  # turns 13 tomorrow
    world.student.save()
    with pytest.raises(ApplicationError) as refused:
        make_writing(world.student, audience="public")
    world.student.birth_date = datetime.date(2013, 11, 23)  # 13 today
    world.student.save()
    assert make_writing(world.student, audience="public").audience == "public"
    assert Evidence.objects.count() == 1
    assert refused.value.message == "A public showcase is only open to learners aged 13 or older in your district."


def test_public_showcase_refused_when_age_is_unknown(world):
    world.student.birth_date = None
    world.student.save()
    with pytest.raises(ApplicationError):
        make_writing(world.student, audience="public")
    assert Evidence.objects.count() == 0


def test_district_minimum_age_is_configurable(world):
    DistrictEvidenceSettings.objects.create(district=world.student.district, public_min_age=18)
    with pytest.raises(ApplicationError) as refused:
        make_writing(world.student, audience="public")  # the learner is 16
    assert refused.value.message == "A public showcase is only open to learners aged 18 or older in your district."


def test_district_can_narrow_the_audiences(world):
    DistrictEvidenceSettings.objects.create(district=world.student.district,
                                            allowed_audiences=["only_me", "guides", "family"])
    with pytest.raises(ApplicationError) as refused:
        make_writing(world.student, audience="school")
    assert refused.value.message == "Your district does not allow sharing with this audience."
    assert make_writing(world.student, audience="family").audience == "family"


def test_changing_audience_is_audited_and_checked(world):
    piece = make_writing(world.student, audience="guides")
    services.evidence_update(actor=world.student, evidence_id=piece.pk, audience="class")
    event = AuditEvent.objects.get(verb="evidence.update")
    assert event.data == {"fields": ["audience"], "audience_from": "guides", "audience_to": "class"}
    world.student.birth_date = None
    world.student.save()
    with pytest.raises(ApplicationError):
        services.evidence_update(actor=world.student, evidence_id=piece.pk, audience="public")
    piece.refresh_from_db()
    assert piece.audience == "class"


@pytest.mark.parametrize("persona", ["teacher", "guardian", "leader_a1", "district_admin"])
def test_only_the_learner_changes_or_deletes(world, persona):
    piece = make_writing(world.student, audience="school", title="Original")
    actor = getattr(world, persona)
    with pytest.raises((NotFound, ApplicationError)):
        services.evidence_update(actor=actor, evidence_id=piece.pk, title="Changed")
    with pytest.raises((NotFound, ApplicationError)):
        services.evidence_delete(actor=actor, evidence_id=piece.pk)
    piece.refresh_from_db()
    assert piece.title == "Original"
    assert AuditEvent.objects.filter(verb__in=["evidence.update", "evidence.delete"]).count() == 0


def test_evidence_attaches_only_to_my_own_goal(world):
    mine = Goal.objects.create(district=world.student.district, learner=world.student, kind="academic",
                               title="Read more")
    theirs = Goal.objects.create(district=world.student.district, learner=world.other_student, kind="academic",
                                 title="Theirs")
    piece = services.evidence_create(actor=world.student, kind="writing", title="Log", body="x", goal_id=mine.pk)
    assert piece.goal == mine
    with pytest.raises(ApplicationError) as refused:
        services.evidence_create(actor=world.student, kind="writing", title="Log", body="x", goal_id=theirs.pk)
    assert refused.value.message == "You can only add evidence to your own goals."
    assert Evidence.objects.count() == 1


def test_creation_is_audited(world):
    piece = make_writing(world.student)
    event = AuditEvent.objects.get(verb="evidence.create")
    assert (event.object_id, event.data) == (str(piece.pk), {"kind": "writing", "audience": "guides"})
