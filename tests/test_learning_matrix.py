"""Who may read and change a learner's records (issue 3), across every learning app, by page, API and file URL.

One table, written by hand from the decided rules (not computed from the policies it checks):

- goals: the learner; drafts nobody else; other goals their guides (teacher, mentor), family, and leaders
  overseeing their school or district (read-only). Only the learner edits a goal's content.
- evidence and inquiries: the audience ladder (only me < guides < family < class < school < public);
  leaders' oversight opens nothing. Only the learner edits.
- reflections: the learner; guides when shared. Not family, not leaders. Guides give feedback.
- learner profile: the learner and their guides read and edit; family reads.
- portfolio page: the curated pieces the viewer may see; the page itself for anyone who may see the learner.

The learner is world.student (class "Grade 4 Science" at Alder Elementary), guided by world.teacher and
world.mentor; world.guardian is their family; a classmate is added to their class; world.other_student is a
schoolmate in another class. Refused reads answer 404 and leak nothing; refused writes write nothing (403 when
the person may see the record but not change it, 404 when they may not see it). Anonymous visitors are sent to
sign in (pages) or get 401 (API).
"""

from __future__ import annotations

import json

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from pollinate.evidence.models import Audience, Evidence
from pollinate.goals.models import Goal
from pollinate.inquiry.models import Inquiry
from pollinate.learners.models import LearnerProfile
from pollinate.people.models import Role
from pollinate.people.tests.factories import enroll, make_person
from pollinate.reflections.models import Feedback, Reflection

# Column order of every row below.
PERSONAS = [
    "student", "teacher", "mentor", "coach", "guardian", "classmate", "schoolmate", "other_teacher",
    "leader_a1", "district_admin", "leader_a2", "other_guardian", "outsider_student", "outsider_admin",
    "anonymous",
]
# "A": anonymous, sent to sign in (302 on pages, 401 on the API). "E": 200 but the piece is not shown.
R = {  # reads, by page (and the same by API)
    #                  stu tea men coa gua cla sch oth la1 adm la2 ogu ous oad ano
    "goal_draft":     "200 404 404 404 404 404 404 404 404 404 404 404 404 404 A",
    "goal_active":    "200 200 200 404 200 404 404 404 200 200 404 404 404 404 A",
    "ev_only_me":     "200 404 404 404 404 404 404 404 404 404 404 404 404 404 A",
    "ev_guides":      "200 200 200 404 404 404 404 404 404 404 404 404 404 404 A",
    "ev_family":      "200 200 200 404 200 404 404 404 404 404 404 404 404 404 A",
    "ev_class":       "200 200 200 404 200 200 404 404 404 404 404 404 404 404 A",
    "ev_school":      "200 200 200 200 200 200 200 200 200 404 404 404 404 404 A",
    "ev_public":      "200 200 200 200 200 200 200 200 200 200 200 200 200 200 A",
    "refl_shared":    "200 200 200 404 404 404 404 404 404 404 404 404 404 404 A",
    "refl_private":   "200 404 404 404 404 404 404 404 404 404 404 404 404 404 A",
    "inquiry_class":  "200 200 200 404 200 200 404 404 404 404 404 404 404 404 A",
    "profile":        "200 200 200 404 200 404 404 404 404 404 404 404 404 404 A",
    "portfolio":      "200 200 200 404 200 404 404 404 E   E   404 404 404 404 A",
    "file_family":    "200 200 200 404 200 404 404 404 404 404 404 404 404 404 A",
}
W = {  # writes by API: goal/evidence/inquiry/profile PATCH, feedback POST on a reflection
    #                  stu tea men coa gua cla sch oth la1 adm la2 ogu ous oad ano
    "goal_draft":     "200 404 404 404 404 404 404 404 404 404 404 404 404 404 A",
    "goal_active":    "200 403 403 404 403 404 404 404 403 403 404 404 404 404 A",
    "ev_only_me":     "200 404 404 404 404 404 404 404 404 404 404 404 404 404 A",
    "ev_family":      "200 403 403 404 403 404 404 404 404 404 404 404 404 404 A",
    "ev_school":      "200 403 403 403 403 403 403 403 403 404 404 404 404 404 A",
    "ev_public":      "200 403 403 403 403 403 403 403 403 403 403 403 403 403 A",
    "refl_shared":    "403 201 201 404 404 404 404 404 404 404 404 404 404 404 A",
    "refl_private":   "403 404 404 404 404 404 404 404 404 404 404 404 404 404 A",
    "inquiry_class":  "200 403 403 404 403 403 404 404 404 404 404 404 404 404 A",
    "profile":        "200 200 200 404 403 404 404 404 404 404 404 404 404 404 A",
}

SECRET = "Zephyr-{}"  # each record carries a unique marker that must never appear in a refusal


def _table(row: str) -> dict[str, str]:
    cells = row.split()
    assert len(cells) == len(PERSONAS), row
    return dict(zip(PERSONAS, cells, strict=True))


@pytest.fixture
def records(world):
    student = world.student
    district = student.district
    classmate = make_person(district, Role.STUDENT, school=world.school_a1, username="classmate")
    enroll(classmate, world.section)
    people = {name: world.persona(name) for name in PERSONAS if name not in ("classmate", "schoolmate")}
    people |= {"classmate": classmate, "schoolmate": world.other_student}

    def evidence(audience: str, **fields) -> Evidence:
        return Evidence.objects.create(district=district, learner=student, kind=Evidence.Kind.WRITING,
                                       title=SECRET.format(f"evidence-{audience}"), body="<p>work</p>",
                                       audience=audience, **fields)

    goal_draft = Goal.objects.create(district=district, learner=student, kind=Goal.Kind.ACADEMIC,
                                     title=SECRET.format("goal-draft"), status=Goal.Status.DRAFT)
    goal_active = Goal.objects.create(district=district, learner=student, kind=Goal.Kind.ACADEMIC,
                                      title=SECRET.format("goal-active"), status=Goal.Status.ACTIVE,
                                      guide=world.teacher)
    by_level = {level: evidence(level) for level in Audience.values}
    portfolio_piece = evidence(Audience.FAMILY, in_portfolio=True)
    portfolio_piece.title = SECRET.format("portfolio")
    portfolio_piece.save()
    with_file = evidence(Audience.FAMILY)
    with_file.kind = Evidence.Kind.AUDIO
    with_file.content_type = "audio/webm"
    with_file.file.save("recording.webm", ContentFile(b"\x1aE\xdf\xa3" + b"\x00" * 64), save=False)
    with_file.file_size = 68
    with_file.save()
    shared = Reflection.objects.create(district=district, learner=student,
                                       body=f"<p>{SECRET.format('refl-shared')}</p>", shared_with_guides=True)
    private = Reflection.objects.create(district=district, learner=student,
                                        body=f"<p>{SECRET.format('refl-private')}</p>", shared_with_guides=False)
    inquiry = Inquiry.objects.create(district=district, learner=student, question=SECRET.format("inquiry"),
                                     audience=Audience.CLASS)
    profile = LearnerProfile.objects.create(learner=student, district=district, interests=SECRET.format("profile"))
    objects = {
        "goal_draft": goal_draft, "goal_active": goal_active,
        **{f"ev_{level}": piece for level, piece in by_level.items()},
        "refl_shared": shared, "refl_private": private, "inquiry_class": inquiry, "profile": profile,
        "portfolio": portfolio_piece, "file_family": with_file,
    }
    return people, objects


def _page(name: str, obj, learner_id: int) -> str:
    if name.startswith("goal"):
        return reverse("goals:detail", args=[obj.pk])
    if name.startswith("ev_"):
        return reverse("evidence:detail", args=[obj.pk])
    if name == "file_family":
        return reverse("evidence:file", args=[obj.pk])
    if name.startswith("refl"):
        return reverse("reflections:detail", args=[obj.pk])
    if name.startswith("inquiry"):
        return reverse("inquiry:detail", args=[obj.pk])
    if name == "profile":
        return reverse("learners:detail", args=[learner_id])
    return reverse("evidence:portfolio", args=[learner_id])


def _api(name: str, obj, learner_id: int) -> str:
    if name.startswith("goal"):
        return f"/api/v1/goals/{obj.pk}"
    if name.startswith("ev_"):
        return f"/api/v1/evidence/{obj.pk}"
    if name == "file_family":
        return f"/api/v1/evidence/{obj.pk}/file"
    if name.startswith("refl"):
        return f"/api/v1/reflections/{obj.pk}"
    if name.startswith("inquiry"):
        return f"/api/v1/inquiries/{obj.pk}"
    return f"/api/v1/learners/{learner_id}/profile"


def _secret(name: str) -> str:
    return {
        "goal_draft": "goal-draft", "goal_active": "goal-active", "refl_shared": "refl-shared",
        "refl_private": "refl-private", "inquiry_class": "inquiry", "profile": "profile", "portfolio": "portfolio",
    }.get(name, f"evidence-{name.removeprefix('ev_')}" if name.startswith("ev_") else "")


def _expected(cell: str, *, api: bool) -> int:
    if cell == "A":
        return 401 if api else 302
    return 200 if cell == "E" else int(cell)


def _state(obj):
    obj.refresh_from_db()
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


# The portfolio is a page only; its pieces are covered through the API by the evidence rows.
READS = [(name, channel) for name in R for channel in ("page", "api") if (name, channel) != ("portfolio", "api")]


@pytest.mark.parametrize(("name", "channel"), READS)
def test_reading_a_learners_record(world, client_for, records, name, channel):
    people, objects = records
    obj = objects[name]
    secret = SECRET.format(_secret(name)) if _secret(name) else None
    url = (_page if channel == "page" else _api)(name, obj, world.student.pk)
    wrong = []
    for persona, cell in _table(R[name]).items():
        response = client_for(people[persona]).get(url)
        expected = _expected(cell, api=channel == "api")
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if response.status_code != expected:
            wrong.append(f"{persona}: {response.status_code} (expected {expected})")
        elif secret and expected != 200 and secret.encode() in body:
            wrong.append(f"{persona}: refused but the response names the record")
        elif cell == "E" and secret.encode() in body:
            wrong.append(f"{persona}: page shown, but the piece should not be on it")
        elif cell == "200" and secret and name != "file_family" and secret.encode() not in body:
            wrong.append(f"{persona}: 200 without the record")
    assert wrong == []


@pytest.mark.parametrize("name", list(W))
def test_changing_a_learners_record(world, client_for, records, name):
    people, objects = records
    obj = objects[name]
    wrong = []
    # The learner goes last, so every refusal is checked against the untouched record.
    for persona, cell in sorted(_table(W[name]).items(), key=lambda pc: pc[0] == "student"):
        before = _state(obj)
        feedback_before = Feedback.objects.count()
        client = client_for(people[persona])
        if name.startswith("refl"):
            response = client.post("/api/v1/reflections/feedback", json.dumps(
                {"reflection_id": obj.pk, "body": f"note from {persona}"}), content_type="application/json")
        else:
            field = {"goal": "title", "ev": "title", "inquiry": "question", "profile": "interests"}[name.split("_")[0]]
            response = client.patch(_api(name, obj, world.student.pk),
                                    json.dumps({field: f"changed by {persona}"}), content_type="application/json")
        expected = _expected(cell, api=True)
        if response.status_code != expected:
            wrong.append(f"{persona}: {response.status_code} (expected {expected})")
        if expected >= 400 and (_state(obj) != before or Feedback.objects.count() != feedback_before):
            wrong.append(f"{persona}: refused, but something was written")
        if expected == 404 and SECRET.format(_secret(name)).encode() in response.content:
            wrong.append(f"{persona}: refused but the response names the record")
    assert wrong == []
