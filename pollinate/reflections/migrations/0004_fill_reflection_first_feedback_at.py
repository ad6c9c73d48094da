"""Stamp ``first_feedback_at`` on reflections answered before the field existed: the earliest feedback of each."""

from django.db import migrations
from django.db.models import Exists, Max, Min, OuterRef, Subquery

BATCH = 20_000


def fill(apps, schema_editor):
    Reflection = apps.get_model("reflections", "Reflection")
    Feedback = apps.get_model("reflections", "Feedback")
    answered = Feedback.objects.filter(reflection_id=OuterRef("pk"))
    earliest = answered.order_by("created_at", "id").values("created_at")[:1]
    bounds = Reflection.objects.aggregate(low=Min("id"), high=Max("id"))
    if bounds["low"] is None:
        return
    # Id ranges keep each UPDATE (and, outside a transaction, each lock) small on a district-sized table.
    for start in range(bounds["low"], bounds["high"] + 1, BATCH):
        (
            Reflection.objects.filter(id__gte=start, id__lt=start + BATCH, first_feedback_at__isnull=True)
            .filter(Exists(answered))
            .update(first_feedback_at=Subquery(earliest))
        )


class Migration(migrations.Migration):
    # Each batch commits on its own; running again after an interruption finishes the rest.
    atomic = False

    dependencies = [
        ("reflections", "0003_reflection_first_feedback_at"),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
