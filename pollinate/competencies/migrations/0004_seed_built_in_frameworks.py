"""The built-in frameworks (Habits of Mind, attributes of personalized learning) and the shared 1-4 scale."""

from django.db import migrations


def seed(apps, schema_editor):
    from pollinate.competencies.built_in import seed as seed_built_ins

    seed_built_ins(
        apps.get_model("competencies", "Framework"),
        apps.get_model("competencies", "Competency"),
        apps.get_model("competencies", "RubricScale"),
        apps.get_model("competencies", "RubricLevel"),
    )


def unseed(apps, schema_editor):
    from pollinate.competencies.built_in import BUILT_IN_FRAMEWORKS

    framework = apps.get_model("competencies", "Framework")
    framework.objects.filter(
        district__isnull=True, case_identifier__in=[spec["identifier"] for spec in BUILT_IN_FRAMEWORKS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("competencies", "0003_competency_withdrawn_at")]

    operations = [migrations.RunPython(seed, unseed)]
