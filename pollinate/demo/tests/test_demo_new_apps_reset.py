"""The new apps' demo records: a second load changes nothing, the same seed gives the same records, and a reset
removes every one of them in a fixed number of statements."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pollinate.coaching import models as coaching
from pollinate.competencies.models import Competency, DistrictCalculation, Framework, RubricScale
from pollinate.demo import generator as g
from pollinate.demo.services import _delete_coaching_records, _delete_mastery_records
from pollinate.mastery import models as mastery
from pollinate.people.models import District
from pollinate.scheduling import models as scheduling
from pollinate.teams import models as teams

YEAR = "2027"
NEW_MODELS = (
    mastery.Score,
    mastery.QuickCheck,
    mastery.QuickCheckResponse,
    mastery.MasteryRecord,
    mastery.ExpectedLevel,
    mastery.ActivityCompetency,
    teams.Team,
    teams.TeamMember,
    teams.StageChange,
    teams.Meeting,
    coaching.CadenceRule,
    coaching.CoachingSettings,
    coaching.CoachingCycle,
    coaching.ScheduledCheckIn,
    scheduling.BellSchedule,
    scheduling.BellPeriod,
    scheduling.FreePeriod,
    scheduling.CoachProfile,
    scheduling.TravelTime,
)


def _seed(*args: str) -> None:
    call_command("seed_demo", "--size", "tiny", "--school-year", YEAR, "--quiet", *args, stdout=StringIO())


def _counts() -> dict[str, int]:
    counts = {model.__name__: model.objects.count() for model in NEW_MODELS}
    counts["district frameworks"] = Framework.objects.filter(district__isnull=False).count()
    counts["district competencies"] = Competency.objects.filter(framework__district__isnull=False).count()
    counts["district scales"] = RubricScale.objects.filter(district__isnull=False).count()
    return counts


def _story() -> tuple[list, list, list]:
    return (
        sorted(
            mastery.Score.objects.values_list(
                "learner__sourced_id", "evidence__title", "competency__code", "kind", "level", "produced_on"
            )
        ),
        sorted(mastery.MasteryRecord.objects.values_list("learner__sourced_id", "competency__code", "level", "status")),
        sorted(teams.Team.objects.values_list("name", "stage", "members__person__sourced_id")),
    )


def test_a_second_load_changes_nothing_and_a_reset_writes_the_same_records(db):
    _seed()
    counts, story = _counts(), _story()
    assert all(n for name, n in counts.items() if name != "TravelTime"), counts  # tiny has one school

    _seed()
    assert _counts() == counts

    _seed("--reset")
    assert _counts() == counts
    assert _story() == story


def test_a_reset_leaves_nothing_of_the_new_apps_behind(db):
    _seed()
    old = District.objects.get(slug=g.DISTRICT_SLUG)
    built_in = Framework.objects.filter(district__isnull=True).count()

    _seed("--reset", "--seed", "99")

    for model in NEW_MODELS:
        field = "district_id" if any(f.name == "district" for f in model._meta.fields) else None
        if field:
            assert not model.objects.filter(district_id=old.pk).exists(), model.__name__
    assert not Framework.objects.filter(district_id=old.pk).exists()
    assert not RubricScale.objects.filter(district_id=old.pk).exists()
    assert Framework.objects.filter(district__isnull=True).count() == built_in
    assert mastery.Score.objects.count() > 0


def test_deleting_the_new_apps_records_takes_a_fixed_number_of_statements(db):
    _seed()
    district = District.objects.get(slug=g.DISTRICT_SLUG)
    # The demo keeps the default calculation on the built-in frameworks; a district that chose its own loses it.
    built_in = Framework.objects.filter(district__isnull=True).first()
    DistrictCalculation.objects.create(district=district, framework=built_in, mastery_method="highest")
    mastery.Recalculation.objects.create(district=district, framework=built_in, status="done")

    with CaptureQueriesContext(connection) as queries:
        _delete_coaching_records(district)
        _delete_mastery_records(district)

    assert all(model.objects.count() == 0 for model in NEW_MODELS)
    assert not DistrictCalculation.objects.exists()
    assert not mastery.Recalculation.objects.exists()
    assert Framework.objects.filter(pk=built_in.pk).exists()
    # A fixed number of statements: bulk kinds (free periods, scores, records, answers) go in one statement each,
    # and the cascade collector only ever lists the story's few parents (teams, check-ins, frameworks); deleting a
    # framework's competencies also clears their CASE connections and rubric level descriptions (two statements),
    # and the district's choices of calculation and their recalculations go with its frameworks and on the
    # built-in ones (four).
    assert len(queries) == 66, "\n".join(q["sql"][:150] for q in queries.captured_queries)
