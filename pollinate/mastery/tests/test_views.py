"""The mastery pages as people use them, and the grid's constant number of queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pollinate.choice.models import Activity, Pathway, PathwayItem
from pollinate.competencies.tests.factories import make_competency
from pollinate.core.tests.audit_statements import audit_statements
from pollinate.evidence.models import Audience
from pollinate.mastery import services
from pollinate.mastery.models import ActivityCompetency, ExpectedLevel, QuickCheckResponse, Score
from pollinate.mastery.tests.factories import make_evidence, make_score
from pollinate.people.models import Role
from pollinate.people.tests.factories import enroll, make_person

pytestmark = pytest.mark.django_db


def test_learner_rates_first_then_teacher_scores_and_the_grid_shows_it(world, framework, comps, client_for):
    piece = make_evidence(world.student, title="Pond life poster")
    url = reverse("mastery:score", args=[piece.pk])
    student = client_for(world.student)
    page = student.get(url)
    assert "Rate your work" in page.content.decode()
    response = student.post(url, {"framework": framework.pk, "competency": comps[0].pk, "level": 2})
    assert response.status_code == 302
    assert Score.objects.get().kind == "self"

    teacher = client_for(world.teacher)
    response = teacher.post(url, {"framework": framework.pk, "competency": comps[0].pk, "level": 3})
    assert response.status_code == 302
    html = teacher.get(url).content.decode()
    assert "Your guide rated this 1 higher than you did." in html
    grid = teacher.get(reverse("mastery:grid", args=[world.section.pk]), {"framework": framework.pk}).content.decode()
    why = reverse("mastery:why", args=[world.student.pk, comps[0].pk])
    assert (
        f'<td class="lv3"><a href="{why}"><span aria-hidden="true">&#10003;</span> 3 <small>Proficient</small></a></td>'
        in grid
    )
    assert "Proficient or above is mastered" in grid


def test_a_guardian_may_not_score_and_nothing_is_written(world, framework, comps, client_for):
    piece = make_evidence(world.student, audience=Audience.FAMILY)
    response = client_for(world.guardian).post(
        reverse("mastery:score", args=[piece.pk]), {"framework": framework.pk, "competency": comps[0].pk, "level": 4}
    )
    assert response.status_code == 403
    assert not Score.objects.exists()


def test_evidence_page_links_to_the_ratings(world, client_for):
    piece = make_evidence(world.student)
    html = client_for(world.student).get(reverse("evidence:detail", args=[piece.pk])).content.decode()
    assert reverse("mastery:score", args=[piece.pk]) in html
    assert "Rate my work on the rubric" in html


def test_why_page_in_family_words_with_what_if_as_a_fragment(world, comps, client_for):
    piece = make_evidence(world.student, title="Pond life poster")
    services.guide_score_save(actor=world.teacher, evidence=piece, competency_id=comps[0].pk, level=2)
    url = reverse("mastery:why", args=[world.student.pk, comps[0].pk])
    guardian = client_for(world.guardian)
    html = guardian.get(url).content.decode()
    assert "2 · getting there" in html and "Pond life poster" in html
    fragment = guardian.get(url, {"what_if": 4}, headers={"HX-Request": "true"}).content.decode()
    assert fragment.lstrip().startswith('<section class="card stack" id="what-if"')
    assert "would make the level 3.3 (on pace)" in fragment
    assert client_for(world.other_guardian).get(url).status_code == 404


def test_progress_page_has_an_accessible_chart_and_next_steps_for_the_learner(world, framework, comps, client_for):
    for day, level in [(dt.date(2026, 9, 1), 2), (dt.date(2026, 10, 1), 3)]:
        services.guide_score_save(
            actor=world.teacher,
            evidence=make_evidence(world.student, produced_on=day),
            competency_id=comps[0].pk,
            level=level,
        )
    html = client_for(world.student).get(reverse("mastery:mine"), follow=True).content.decode()
    assert 'role="img"' in html and "2 ratings, from level 2 to 2.65." in html
    assert "<polyline" in html and "Show the levels as a table" in html
    assert "Ideas for what to do next" in html
    teacher_html = client_for(world.teacher).get(reverse("mastery:progress", args=[world.student.pk])).content.decode()
    assert "Ideas for what to do next" not in teacher_html and "2.65 · Developing" in teacher_html


def _class_of(world, framework, comps, size):
    """``size`` more students in the teacher's class, each with a score on every competency."""
    for i in range(size):
        learner = make_person(world.school_a1.district, Role.STUDENT, school=world.school_a1, username=f"s{size}-{i}")
        enroll(learner, world.section)
        piece = make_evidence(learner)
        for comp in comps:
            make_score(piece, comp, 1 + (i % 4))
    services.recompute_all()


@pytest.mark.parametrize("size", [3, 15])
def test_the_grid_page_costs_the_same_queries_whatever_the_class_size(world, framework, comps, client_for, size):
    _class_of(world, framework, comps, size)
    client = client_for(world.teacher)
    url = reverse("mastery:grid", args=[world.section.pk])
    client.get(url, {"framework": framework.pk})  # warm the session
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, {"framework": framework.pk})
    assert response.status_code == 200
    assert response.content.decode().count('<td class="lv') == (size + 1) * 3
    assert len(ctx.captured_queries) == 10 + audit_statements()


def test_a_workshop_links_each_learner_to_why_on_its_competency(world, framework, comps, client_for):
    learners = []
    for given in ("Ana", "<b>Bo</b>"):
        learner = make_person(
            world.school_a1.district, Role.STUDENT, school=world.school_a1, given_name=given, family_name="Diaz"
        )
        enroll(learner, world.section)
        make_score(make_evidence(learner), comps[1], 2)
        learners.append(learner)
    services.recompute_all()
    html = (
        client_for(world.teacher)
        .get(reverse("mastery:grid", args=[world.section.pk]), {"framework": framework.pk})
        .content.decode()
    )
    workshops = html[html.index('id="groups-heading"') :]
    assert '<h3 class="card__title">Planning: towards 3 Proficient</h3><p class="muted">2 learners</p>' in workshops
    for learner, name in zip(learners, ("Ana Diaz", "&lt;b&gt;Bo&lt;/b&gt; Diaz"), strict=True):
        assert f'<li><a href="{reverse("mastery:why", args=[learner.pk, comps[1].pk])}">{name}</a></li>' in workshops
    assert "<b>Bo" not in html
    spanish = client_for(world.teacher).get(
        reverse("mastery:grid", args=[world.section.pk]), {"framework": framework.pk}, HTTP_ACCEPT_LANGUAGE="es"
    )
    assert '<p class="muted">2 aprendices</p>' in spanish.content.decode()


def test_grid_columns_show_short_codes_with_the_statement_on_hover(world, framework, comps, client_for):
    make_competency(
        framework, "Use “models” & <diagrams> to explain", abbreviated="A very long abbreviated label", position=4
    )
    html = (
        client_for(world.teacher)
        .get(reverse("mastery:grid", args=[world.section.pk]), {"framework": framework.pk})
        .content.decode()
    )
    assert '<th scope="col"><abbr title="Ask a testable question">SCI.1</abbr></th>' in html
    # No code: the label, cut at 24 characters; the statement escaped, its curly quotes as character references.
    assert (
        '<th scope="col"><abbr title="Use &#8220;models&#8221; &amp; &lt;diagrams&gt; to explain">'
        "A very long abbreviated…</abbr></th>"
    ).replace("…", "&#8230;") in html


def test_grid_filters_by_status_as_a_fragment(world, framework, comps, client_for):
    _class_of(world, framework, comps, 4)  # levels 1, 2, 3, 4 on every competency
    client = client_for(world.teacher)
    url = reverse("mastery:grid", args=[world.section.pk])
    html = client.get(
        url, {"framework": framework.pk, "status": "mastered"}, headers={"HX-Request": "true"}
    ).content.decode()
    assert html.lstrip().startswith('<div id="grid"')
    assert "Showing 2 learners of 5." in html


def test_leader_sets_an_expected_level_from_the_page(world, framework, client_for):
    client = client_for(world.leader_a1)
    url = reverse("mastery:expectations")
    response = client.post(
        url, {"school": world.school_a1.pk, "framework": framework.pk, "by_date": "2027-01-15", "level": "2.5"}
    )
    assert response.status_code == 302
    assert list(ExpectedLevel.objects.values_list("school_id", "level")) == [(world.school_a1.pk, 2.5)]
    assert client_for(world.student).get(url).status_code == 403


def test_teacher_imports_a_quick_check_file(world, framework, comps, client_for):
    upload = SimpleUploadedFile(
        "exit.csv", b"learner,item,competency,correct,date\nstudent,Q1,SCI.1,1,2026-11-02\n", content_type="text/csv"
    )
    response = client_for(world.teacher).post(
        reverse("mastery:quick-check-import"),
        {"section": world.section.pk, "framework": framework.pk, "title": "Exit ticket", "file": upload},
    )
    assert response.status_code == 302
    assert QuickCheckResponse.objects.get().correct is True


def test_teacher_aligns_an_activity_and_the_learner_dismisses_its_suggestion(world, framework, comps, client_for):
    pathway = Pathway.objects.create(
        district=world.school_a1.district, kind=Pathway.Kind.PLAYLIST, title="Lab", is_published=True
    )
    pathway.sections.add(world.section)
    activity = Activity.objects.create(district=world.school_a1.district, title="Design a fair test")
    PathwayItem.objects.create(pathway=pathway, activity=activity)
    url = reverse("mastery:activity-align", args=[activity.pk])
    assert client_for(world.teacher).post(url, {"competencies": [comps[0].pk]}).status_code == 302
    assert list(ActivityCompetency.objects.values_list("competency_id", flat=True)) == [comps[0].pk]
    assert client_for(world.other_teacher).get(url).status_code == 404

    student = client_for(world.student)
    next_url = reverse("mastery:next-steps", args=[world.student.pk])
    assert "Starts Questions, which you have not begun yet." in student.get(next_url).content.decode()
    student.post(reverse("mastery:dismiss", args=[activity.pk]))
    assert "Design a fair test" not in student.get(next_url).content.decode()


def test_grid_index_lists_classes_and_links_leaders_to_expectations(world, client_for):
    teacher_html = client_for(world.teacher).get(reverse("mastery:grid-index")).content.decode()
    assert "Grade 4 Science" in teacher_html and "Grade 5 Math" not in teacher_html
    assert reverse("mastery:expectations") not in teacher_html
    leader_html = client_for(world.leader_a1).get(reverse("mastery:grid-index")).content.decode()
    assert "Grade 4 Science" in leader_html and "Grade 5 Math" in leader_html
    assert reverse("mastery:expectations") in leader_html


def test_a_quick_check_file_with_bad_lines_shows_them_and_imports_nothing(world, framework, comps, client_for):
    upload = SimpleUploadedFile(
        "exit.csv", b"learner,item,competency,correct,date\nnobody,Q1,SCI.1,1,2026-11-02\n", content_type="text/csv"
    )
    response = client_for(world.teacher).post(
        reverse("mastery:quick-check-import"),
        {"section": world.section.pk, "framework": framework.pk, "title": "Exit ticket", "file": upload},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was imported: fix these lines and try again." in html
    assert "Line 2: no student nobody in this class." in html
    assert not QuickCheckResponse.objects.exists()
    latin = SimpleUploadedFile("exit.csv", "learner\nJosé".encode("latin-1"), content_type="text/csv")
    response = client_for(world.teacher).post(
        reverse("mastery:quick-check-import"),
        {"section": world.section.pk, "framework": framework.pk, "title": "Exit ticket", "file": latin},
    )
    assert "Save the file as UTF-8 CSV and try again." in response.content.decode()


def test_family_reaches_their_childs_progress_from_the_menu(world, client_for):
    response = client_for(world.guardian).get(reverse("mastery:mine"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mastery:progress", args=[world.student.pk])
    html = client_for(world.guardian).get(response["Location"]).content.decode()
    assert f'href="{reverse("mastery:mine")}"' in html and "Ideas for what to do next" not in html


def test_a_spanish_speaking_family_reads_the_calculation_in_spanish(world, framework, comps, client_for):
    services.guide_score_save(
        actor=world.teacher, evidence=make_evidence(world.student), competency_id=comps[0].pk, level=3
    )
    world.guardian.preferred_language = "es"
    world.guardian.save()
    html = client_for(world.guardian).get(reverse("mastery:why", args=[world.student.pk, comps[0].pk])).content.decode()
    # The method's name and description come from the calculations module, marked for the catalog there.
    assert "Método elegido por el distrito: Promedio decreciente." in html
    assert "Decaying average" not in html
    detail = client_for(world.district_admin).get(
        reverse("competencies:framework-detail", args=[framework.pk]), HTTP_ACCEPT_LANGUAGE="es"
    )
    assert "así que el trabajo reciente cuenta más" in detail.content.decode()
    method_page = client_for(world.district_admin).get(
        reverse("competencies:framework-method", args=[framework.pk]), HTTP_ACCEPT_LANGUAGE="es"
    )
    # A template string with a per cent sign: the catalog holds it as Django looks it up ("95 %%").
    assert "y al 95 % cuenta como dominada" in method_page.content.decode()
