"""Where the rebuild after a calculation change has got to, for the framework page.

The rebuild is one transaction (nobody sees a half-rebuilt framework), so it cannot write its own progress as it
goes. The page estimates it instead: the records there were when it started, divided by the speed of the last
rebuild that finished on this installation, and says that it is an estimate.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from pollinate.mastery.models import Recalculation

# Records per second before any rebuild has finished here (a full district's rebuild measured 36,000-47,000).
FIRST_GUESS_PER_SECOND = 20_000
# Past this share of the estimate, with a minute to spare, the page says the rebuild may have stopped.
STALLED_AFTER = 3.0


@dataclass(frozen=True)
class RecalculationStatus:
    run: Recalculation
    percent: int  # estimated while it runs; 100 when done
    remaining_seconds: int | None
    stalled: bool

    @property
    def finished(self) -> bool:
        return self.run.status in (Recalculation.Status.DONE, Recalculation.Status.FAILED)


def recalculation_status(*, framework_id: int, district_id: int | None) -> RecalculationStatus | None:
    """The latest recalculation of the framework's levels (for one district on a built-in framework), if any:
    two queries while one runs, one otherwise."""
    run = (
        Recalculation.objects.filter(framework_id=framework_id, district_id=district_id)
        .select_related("requested_by")
        .first()
    )
    if run is None:
        return None
    if run.status == Recalculation.Status.DONE:
        return RecalculationStatus(run, 100, 0, stalled=False)
    if run.status == Recalculation.Status.FAILED:
        return RecalculationStatus(run, 0, None, stalled=False)
    last = (
        Recalculation.objects.filter(status=Recalculation.Status.DONE, records__gt=0, seconds__gt=0)
        .values_list("records", "seconds")
        .first()
    )
    speed = last[0] / last[1] if last else FIRST_GUESS_PER_SECOND
    expected = max(1.0, run.expected_records / speed)
    elapsed = (timezone.now() - run.started_at).total_seconds() if run.started_at else 0.0
    # Never 100 before it is done: the estimate can only be wrong in one direction that matters.
    percent = min(95, int(100 * elapsed / expected))
    return RecalculationStatus(
        run,
        percent,
        remaining_seconds=max(0, round(expected - elapsed)),
        stalled=elapsed > STALLED_AFTER * expected + 60,
    )
