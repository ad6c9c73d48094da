"""Choice boards and playlists: who builds, who chooses, the pick rules, proposals and the progress table."""

from __future__ import annotations

import json

import pytest

from pollinate.choice import queries, services
from pollinate.choice.models import Activity, ActivityChoice, Pathway, PathwayItem
from pollinate.core.errors import ApplicationError, Conflict, Forbidden, NotFound
from pollinate.core.models import AuditEvent
from pollinate.notifications.models import Notification
from pollinate.people.models import Person
from pollinate.people.tests.factories import enroll, make_person

pytestmark = pytest.mark.django_db


def _pathway(world, kind="board", picks=1, titles=("Poster", "Podcast", "Model"), publish=True):
    pathway = services.pathway_create(actor=world.teacher, kind=kind, title="Ecosystems",
                                      section_ids=[world.section.pk], picks_required=picks)
    for title in titles:
        services.activity_add(actor=world.teacher, pathway_id=pathway.pk, title=title)
    if publish:
        services.pathway_publish(actor=world.teacher, pathway_id=pathway.pk)
    return pathway


def _activity(pathway, title):
    return PathwayItem.objects.get(pathway=pathway, activity__title=title).activity


def test_teacher_builds_and_publishes_a_board_from_the_pages(world, client_for):
    client = client_for(world.teacher)
    response = client.post("/choice/new/", {"kind": "board", "title": "Show what you know", "picks_required": 2,
                                            "section_ids": [world.section.pk]})
    pathway = Pathway.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/choice/{pathway.pk}/"
    client.post(f"/choice/{pathway.pk}/activities/", {"title": "Poster", "choice_kind": "product",
                                                      "evidence_modes": ["drawing", "photo"]})
    client.post(f"/choice/{pathway.pk}/activities/", {"title": "Podcast", "choice_kind": "product"})
    client.post(f"/choice/{pathway.pk}/publish/")
    pathway.refresh_from_db()
    assert pathway.is_published
    assert [i.activity.title for i in pathway.items.order_by("position")] == ["Poster", "Podcast"]
    assert pathway.items.get(activity__title="Poster").activity.evidence_modes == ["drawing", "photo"]
    assert list(pathway.sections.all()) == [world.section]


@pytest.mark.parametrize("persona", ["other_teacher", "student", "leader_a1", "outsider_teacher"])
def test_only_teachers_of_the_classes_create(world, persona):
    with pytest.raises(Forbidden):
        services.pathway_create(actor=getattr(world, persona), kind="board", title="x",
                                section_ids=[world.section.pk])
    assert not Pathway.objects.exists()


def test_a_pathway_for_two_classes_is_managed_only_by_someone_teaching_both(world):
    enroll(world.teacher, world.other_section, "teacher")
    teacher = Person.objects.get(pk=world.teacher.pk)
    pathway = services.pathway_create(actor=teacher, kind="board", title="Shared",
                                      section_ids=[world.section.pk, world.other_section.pk])
    other = Person.objects.get(pk=world.other_teacher.pk)
    with pytest.raises(Forbidden):
        services.activity_add(actor=other, pathway_id=pathway.pk, title="Sneaky")
    assert not PathwayItem.objects.exists()


def test_publishing_needs_enough_activities(world):
    pathway = _pathway(world, picks=3, titles=("One", "Two"), publish=False)
    with pytest.raises(ApplicationError):
        services.pathway_publish(actor=world.teacher, pathway_id=pathway.pk)
    pathway.refresh_from_db()
    assert not pathway.is_published


def test_students_see_only_published_pathways_of_their_classes(world, client_for):
    draft = _pathway(world, publish=False)
    published = _pathway(world)
    assert [s.pathway for s in queries.my_pathways(viewer=world.student)] == [published]
    assert client_for(world.student).get(f"/choice/{draft.pk}/").status_code == 404
    assert client_for(world.student).get(f"/choice/{published.pk}/").status_code == 200
    for persona in ("other_student", "outsider_student", "guardian", "leader_a2"):
        assert client_for(getattr(world, persona)).get(f"/choice/{published.pk}/").status_code == 404
    # The school's leader reads it (published only), but cannot choose.
    assert client_for(world.leader_a1).get(f"/choice/{published.pk}/").status_code == 200
    assert client_for(world.leader_a1).get(f"/choice/{draft.pk}/").status_code == 404


def test_students_of_other_classes_cannot_choose(world, client_for):
    pathway = _pathway(world)
    poster = _activity(pathway, "Poster")
    response = client_for(world.other_student).post(f"/choice/{pathway.pk}/choose/{poster.pk}/")
    assert response.status_code == 404
    with pytest.raises(Forbidden):
        services.activity_choose(actor=world.leader_a1, pathway_id=pathway.pk, activity_id=poster.pk)
    assert not ActivityChoice.objects.exists()


def test_board_picks_required_is_enforced(world, client_for):
    pathway = _pathway(world, picks=2)
    poster, podcast, model = (_activity(pathway, t) for t in ("Poster", "Podcast", "Model"))
    client = client_for(world.student)
    client.post(f"/choice/{pathway.pk}/choose/{poster.pk}/")
    client.post(f"/choice/{pathway.pk}/choose/{podcast.pk}/")
    page = client.post(f"/choice/{pathway.pk}/choose/{model.pk}/", follow=True)
    assert "You have already made your 2 picks on this board." in page.content.decode()
    assert set(ActivityChoice.objects.values_list("activity__title", flat=True)) == {"Poster", "Podcast"}
    with pytest.raises(Conflict):
        services.activity_choose(actor=world.student, pathway_id=pathway.pk, activity_id=poster.pk)
    # Un-picking one not done frees a pick.
    services.choice_drop(actor=world.student, choice_id=ActivityChoice.objects.get(activity=podcast).pk)
    services.activity_choose(actor=world.student, pathway_id=pathway.pk, activity_id=model.pk)
    assert set(ActivityChoice.objects.values_list("activity__title", flat=True)) == {"Poster", "Model"}


def test_playlist_goes_in_order_and_next_is_the_first_not_done(world):
    pathway = _pathway(world, kind="playlist", titles=("Watch", "Try", "Explain"))
    watch, tried, explain = (_activity(pathway, t) for t in ("Watch", "Try", "Explain"))
    with pytest.raises(ApplicationError):
        services.activity_choose(actor=world.student, pathway_id=pathway.pk, activity_id=tried.pk)
    state = queries.my_pathways(viewer=world.student)[0]
    assert state.next_item.activity == watch
    assert [s.can_choose for s in state.items] == [True, False, False]
    choice = services.activity_choose(actor=world.student, pathway_id=pathway.pk, activity_id=watch.pk)
    with pytest.raises(ApplicationError):
        services.activity_choose(actor=world.student, pathway_id=pathway.pk, activity_id=tried.pk)
    services.choice_set_status(actor=world.student, choice_id=choice.pk, status="in_progress")
    assert queries.my_pathways(viewer=world.student)[0].next_item.activity == watch
    services.choice_set_status(actor=world.student, choice_id=choice.pk, status="done")
    state = queries.my_pathways(viewer=world.student)[0]
    assert state.next_item.activity == tried
    assert (state.done_count, state.goal_count, state.is_complete) == (1, 3, False)
    services.activity_choose(actor=world.student, pathway_id=pathway.pk, activity_id=tried.pk)
    assert ActivityChoice.objects.filter(activity=explain).count() == 0


def test_teacher_reorders_a_playlist(world):
    pathway = _pathway(world, kind="playlist", titles=("A", "B", "C"), publish=False)
    item_c = PathwayItem.objects.get(pathway=pathway, activity__title="C")
    services.item_move(actor=world.teacher, pathway_id=pathway.pk, item_id=item_c.pk, direction="up")
    assert [i.activity.title for i in pathway.items.order_by("position")] == ["A", "C", "B"]


def test_only_the_learner_changes_their_pick(world, client_for):
    pathway = _pathway(world)
    choice = services.activity_choose(actor=world.student, pathway_id=pathway.pk,
                                      activity_id=_activity(pathway, "Poster").pk)
    assert client_for(world.teacher).post(f"/choice/picks/{choice.pk}/status/", {"status": "done"}).status_code == 404
    client_for(world.student).post(f"/choice/picks/{choice.pk}/status/", {"status": "done"})
    choice.refresh_from_db()
    assert choice.status == "done" and choice.done_at is not None


def test_proposal_approved_becomes_the_learners_pick_and_notifies(world, client_for):
    pathway = _pathway(world)
    client_for(world.student).post(f"/choice/{pathway.pk}/propose/", {"title": "Stop-motion film",
                                                                      "evidence_modes": ["video"]})
    idea = Activity.objects.get(title="Stop-motion film")
    assert (idea.proposed_by, idea.is_approved, idea.is_pending) == (world.student, False, True)
    # Classmates never see it; while it waits, it uses the learner's only pick.
    classmate = make_person(world.section.district, "student", school=world.school_a1)
    enroll(classmate, world.section)
    assert "Stop-motion film" not in client_for(classmate).get(f"/choice/{pathway.pk}/").content.decode()
    with pytest.raises(ApplicationError):
        services.activity_choose(actor=world.student, pathway_id=pathway.pk,
                                 activity_id=_activity(pathway, "Poster").pk)
    assert [i.activity for i in queries.pending_activity_proposals(viewer=world.teacher)] == [idea]
    assert queries.pending_activity_proposals(viewer=world.other_teacher) == []
    with pytest.raises(NotFound):
        services.proposal_review(actor=world.other_teacher, activity_id=idea.pk, approve=True)
    client_for(world.teacher).post(f"/choice/proposals/{idea.pk}/review/", {"decision": "approve"})
    idea.refresh_from_db()
    assert idea.is_approved and idea.reviewed_by == world.teacher
    assert ActivityChoice.objects.get(learner=world.student).activity == idea
    note = Notification.objects.get(recipient=world.student)
    assert note.url == f"/choice/{pathway.pk}/" and "approved" in note.message
    assert queries.pending_activity_proposals(viewer=world.teacher) == []
    with pytest.raises(Conflict):
        services.proposal_review(actor=world.teacher, activity_id=idea.pk, approve=False)


def test_declined_proposal_frees_the_pick_and_shows_the_note(world, client_for):
    pathway = _pathway(world)
    item = services.activity_propose(actor=world.student, pathway_id=pathway.pk, title="Just nap")
    services.proposal_review(actor=world.teacher, activity_id=item.activity_id, approve=False,
                             note="Try the podcast?")
    body = client_for(world.student).get(f"/choice/{pathway.pk}/").content.decode()
    assert "Not approved" in body and "Try the podcast?" in body
    services.activity_choose(actor=world.student, pathway_id=pathway.pk, activity_id=_activity(pathway, "Podcast").pk)
    assert ActivityChoice.objects.get(learner=world.student).activity.title == "Podcast"


def test_no_proposals_on_playlists(world):
    pathway = _pathway(world, kind="playlist")
    with pytest.raises(ApplicationError):
        services.activity_propose(actor=world.student, pathway_id=pathway.pk, title="Mine")
    assert not Activity.objects.filter(proposed_by__isnull=False).exists()


def test_progress_table_is_constant_queries_and_audited(world, client_for, django_assert_max_num_queries):
    pathway = _pathway(world, picks=2)
    poster = _activity(pathway, "Poster")
    services.activity_choose(actor=world.student, pathway_id=pathway.pk, activity_id=poster.pk)

    def grow(n):
        for _ in range(n):
            kid = make_person(world.section.district, "student", school=world.school_a1)
            enroll(kid, world.section)
            kid = Person.objects.get(pk=kid.pk)
            services.activity_choose(actor=kid, pathway_id=pathway.pk, activity_id=poster.pk)

    grow(2)
    viewer = Person.objects.get(pk=world.teacher.pk)
    with django_assert_max_num_queries(20) as small:
        result = queries.pathway_progress(viewer=viewer, pathway_id=pathway.pk)
    assert len(result["rows"]) == 3
    grow(15)
    viewer = Person.objects.get(pk=world.teacher.pk)
    with django_assert_max_num_queries(len(small.captured_queries)):
        result = queries.pathway_progress(viewer=viewer, pathway_id=pathway.pk)
    assert len(result["rows"]) == 18
    assert all([c.activity.title for c in r.picks] == ["Poster"] for r in result["rows"])
    assert AuditEvent.objects.filter(verb="pathway_progress.view").count() == 2
    page = client_for(world.teacher).get(f"/choice/{pathway.pk}/progress/")
    assert page.status_code == 200 and world.student.display_name in page.content.decode()
    assert client_for(world.student).get(f"/choice/{pathway.pk}/progress/").status_code == 403


def test_my_pathways_is_constant_queries(world, django_assert_max_num_queries):
    _pathway(world)
    viewer = Person.objects.get(pk=world.student.pk)
    with django_assert_max_num_queries(12) as small:
        assert len(queries.my_pathways(viewer=viewer)) == 1
    for _ in range(4):
        _pathway(world, titles=("a", "b", "c", "d"))
    viewer = Person.objects.get(pk=world.student.pk)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert len(queries.my_pathways(viewer=viewer)) == 5


def test_pages_render_for_each_role(world, client_for):
    pathway = _pathway(world)
    services.activity_propose(actor=world.student, pathway_id=pathway.pk, title="Comic")
    for persona in ("teacher", "student", "leader_a1"):
        client = client_for(getattr(world, persona))
        assert client.get("/choice/").status_code == 200
        assert client.get(f"/choice/{pathway.pk}/").status_code == 200
    teacher_home = client_for(world.teacher).get("/choice/").content.decode()
    assert "Comic" in teacher_home
    assert client_for(world.teacher).get("/choice/new/").status_code == 200


def test_api_list_choose_status_and_propose(world, client_for):
    pathway = _pathway(world, picks=2)
    poster = _activity(pathway, "Poster")
    client = client_for(world.student)
    listing = client.get("/api/v1/choice/pathways").json()
    assert [p["id"] for p in listing] == [pathway.pk]
    assert [i["can_choose"] for i in listing[0]["items"]] == [True, True, True]
    picked = client.post(f"/api/v1/choice/pathways/{pathway.pk}/choices", json.dumps({"activity_id": poster.pk}),
                         content_type="application/json")
    assert picked.status_code == 201
    again = client.post(f"/api/v1/choice/pathways/{pathway.pk}/choices", json.dumps({"activity_id": poster.pk}),
                        content_type="application/json")
    assert again.status_code == 409
    done = client.patch(f"/api/v1/choice/choices/{picked.json()['id']}", json.dumps({"status": "done"}),
                        content_type="application/json")
    assert done.status_code == 200 and done.json()["status"] == "done"
    assert client.get(f"/api/v1/choice/choices/{picked.json()['id']}").json()["status"] == "done"
    assert client_for(world.teacher).get(f"/api/v1/choice/choices/{picked.json()['id']}").status_code == 404
    client = client_for(world.student)
    proposed = client.post(f"/api/v1/choice/pathways/{pathway.pk}/proposals", json.dumps({"title": "Song"}),
                           content_type="application/json")
    assert proposed.status_code == 201
    assert [p["activity"]["title"] for p in proposed.json()["my_proposals"]] == ["Song"]
    detail = client.get(f"/api/v1/choice/pathways/{pathway.pk}").json()
    assert (detail["picks_used"], detail["done_count"]) == (2, 1)
    outsider = client_for(world.other_student)
    assert outsider.get(f"/api/v1/choice/pathways/{pathway.pk}").status_code == 404
    assert outsider.get("/api/v1/choice/pathways").json() == []
    assert outsider.post(f"/api/v1/choice/pathways/{pathway.pk}/choices", json.dumps({"activity_id": poster.pk}),
                         content_type="application/json").status_code == 404
    assert ActivityChoice.objects.filter(learner=world.other_student).count() == 0


def test_the_teacher_fixes_a_boards_title_instructions_and_picks_from_the_page(world, client_for):
    pathway = _pathway(world, picks=1)
    client = client_for(world.teacher)
    assert "Edit title and instructions" in client.get(f"/choice/{pathway.pk}/").content.decode()
    response = client.post(
        f"/choice/{pathway.pk}/edit/",
        {"title": "  Ecosystems, again ", "instructions": "Pick two.", "picks_required": 2},
    )
    assert response.status_code == 302 and response["Location"] == f"/choice/{pathway.pk}/"
    pathway.refresh_from_db()
    assert (pathway.title, pathway.instructions, pathway.picks_required) == ("Ecosystems, again", "Pick two.", 2)
    event = AuditEvent.objects.get(verb="pathway.update")
    assert event.data == {"fields": ["instructions", "picks_required", "title"]}

    response = client.post(f"/choice/{pathway.pk}/edit/", {"title": " ", "picks_required": 2})
    assert response.status_code == 200
    pathway.refresh_from_db()
    assert pathway.title == "Ecosystems, again"


def test_a_playlist_has_no_picks_to_edit_and_others_may_not_edit(world, client_for):
    playlist = _pathway(world, kind="playlist")
    page = client_for(world.teacher).get(f"/choice/{playlist.pk}/edit/").content.decode()
    assert 'name="title"' in page and 'name="picks_required"' not in page
    services.pathway_update(actor=world.teacher, pathway_id=playlist.pk, title="Steps", picks_required=3)
    playlist.refresh_from_db()
    assert (playlist.title, playlist.picks_required) == ("Steps", 1)
    # The class's student sees the playlist but may not change it; another teacher does not see it at all.
    for persona, status in (("student", 403), ("other_teacher", 404)):
        client = client_for(getattr(world, persona))
        assert client.get(f"/choice/{playlist.pk}/edit/").status_code == status
        assert client.post(f"/choice/{playlist.pk}/edit/", {"title": "Taken"}).status_code == status
    playlist.refresh_from_db()
    assert playlist.title == "Steps"
