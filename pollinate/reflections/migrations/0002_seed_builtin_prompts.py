"""The six built-in prompts of the prompt bank (district empty): every district starts with these."""

from django.db import migrations

# Our own wording. Shown through gettext, so they are translated like any other text (see locale/).
BUILTIN = [
    ("what", "What am I learning right now, in my own words?"),
    ("why", "Why does this matter to me, or to someone else?"),
    ("how_know", "How do I know I am learning it? What shows it?"),
    ("next", "What will I try or learn next?"),
    ("helped", "What helped me learn this?"),
    ("in_the_way", "What got in the way, and what could I do about it?"),
]


def seed(apps, schema_editor):
    prompt = apps.get_model("reflections", "ReflectionPrompt")
    for stem, text in BUILTIN:
        prompt.objects.get_or_create(district=None, stem=stem, defaults={"text": text, "is_active": True})


def unseed(apps, schema_editor):
    prompt = apps.get_model("reflections", "ReflectionPrompt")
    prompt.objects.filter(district__isnull=True, text__in=[text for _stem, text in BUILTIN]).delete()


class Migration(migrations.Migration):
    dependencies = [("reflections", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
