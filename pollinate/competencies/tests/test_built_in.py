from __future__ import annotations

import pytest
from django.urls import reverse

from pollinate.competencies.models import Competency, Framework
from pollinate.competencies.services import ensure_built_in_frameworks
from pollinate.competencies.tests.factories import make_competency, make_framework
from pollinate.mastery import services
from pollinate.mastery.tests.factories import make_evidence

pytestmark = pytest.mark.django_db


def _built_ins():
    return {
        f.title: list(f.competencies.order_by("position").values_list("code", "abbreviated"))
        for f in Framework.objects.filter(source="built_in")
    }


def test_migration_ships_habits_of_mind_and_the_four_attributes():
    built_ins = _built_ins()
    assert set(built_ins) == {"Habits of Mind", "Attributes of personalized learning"}
    habits = built_ins["Habits of Mind"]
    assert len(habits) == 16
    assert habits[0] == ("HoM.1", "Persisting")
    assert habits[4] == ("HoM.5", "Thinking about thinking (metacognition)")
    assert habits[15] == ("HoM.16", "Remaining open to continuous learning")
    assert built_ins["Attributes of personalized learning"] == [
        ("PL.1", "Voice"),
        ("PL.2", "Co-creation"),
        ("PL.3", "Social construction"),
        ("PL.4", "Self-discovery"),
    ]
    habits_framework = Framework.objects.get(title="Habits of Mind")
    assert habits_framework.district_id is None
    assert "Arthur L. Costa and Bena Kallick" in habits_framework.licence
    assert "Pollinate's own" in habits_framework.licence
    assert habits_framework.scale.is_default is True
    assert habits_framework.scale.district_id is None


def test_seeding_again_changes_nothing_and_restores_edited_wording():
    ids = set(Competency.objects.filter(framework__source="built_in").values_list("id", flat=True))
    Competency.objects.filter(code="HoM.1").update(abbreviated="Tampered")
    ensure_built_in_frameworks()
    ensure_built_in_frameworks()
    assert set(Competency.objects.filter(framework__source="built_in").values_list("id", flat=True)) == ids
    assert Framework.objects.filter(source="built_in").count() == 2
    assert Competency.objects.get(code="HoM.1").abbreviated == "Persisting"


def test_a_spanish_speaking_family_reads_the_built_in_frameworks_in_spanish(world, client_for):
    persisting = Competency.objects.get(case_identifier="pollinate:habits-of-mind:persisting")
    # A district's own wording is shown as written, even where the catalog knows the same English words.
    own = make_competency(make_framework(world.section.district, title="Writing"), "Voice", abbreviated="Voice")
    for competency in (persisting, own):
        services.guide_score_save(
            actor=world.teacher, evidence=make_evidence(world.student), competency_id=competency.pk, level=3
        )
    world.guardian.preferred_language = "es"
    world.guardian.save()
    guardian = client_for(world.guardian)

    progress = guardian.get(reverse("mastery:progress", args=[world.student.pk])).content.decode()
    assert "Hábitos de la mente" in progress
    assert "Persistir" in progress
    assert "Persisting" not in progress
    assert "Voice" in progress and "Voz" not in progress
    why = guardian.get(reverse("mastery:why", args=[world.student.pk, persisting.pk])).content.decode()
    assert "Persistir" in why
    english = client_for(world.teacher).get(reverse("mastery:why", args=[world.student.pk, persisting.pk]))
    assert "Persisting" in english.content.decode()
    framework_page = client_for(world.district_admin).get(
        reverse("competencies:framework-detail", args=[persisting.framework_id]), HTTP_ACCEPT_LANGUAGE="es"
    )
    assert "usados aquí con atribución y traducidos" in framework_page.content.decode()
