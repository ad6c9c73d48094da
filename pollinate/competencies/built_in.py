"""The built-in frameworks every district sees: the 16 Habits of Mind and the four attributes of personalized
learning. The labels are the authors'; the one-line descriptions are our own words (AGPL, like the code). The
English is stored; pages show it in the reader's language from the catalog (``Competency.label``,
``Framework.shown_title``...).

``seed(models)`` takes the model classes so the data migration can pass its historical models and the service
the real ones; it is idempotent (matched by stable identifiers) and updates wording in place.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_noop

from pollinate.competencies.services.scales import DEFAULT_LEVELS, DEFAULT_SCALE_NAME, DEFAULT_THRESHOLD

HABITS_OF_MIND = {
    "identifier": "pollinate:habits-of-mind",
    "code": "HoM",
    "title": gettext_noop("Habits of Mind"),
    "creator": "Arthur L. Costa and Bena Kallick",
    "subject": gettext_noop("Dispositions"),
    "description": gettext_noop(
        "Sixteen dispositions people draw on when they face problems whose answers are not immediately known."
    ),
    "licence": gettext_noop(
        "The names of the 16 Habits of Mind are by Arthur L. Costa and Bena Kallick (Habits of Mind: A "
        "Developmental Series, ASCD 2000; Institute for Habits of Mind), used here with attribution. The short "
        "descriptions are Pollinate's own, under the project's AGPL-3.0-or-later licence."
    ),
    "items": [
        (
            gettext_noop("Persisting"),
            gettext_noop("Sticking with a task until it is done, trying other ways when one does not work."),
        ),
        (
            gettext_noop("Managing impulsivity"),
            gettext_noop("Taking time to think and plan before acting or answering."),
        ),
        (
            gettext_noop("Listening with understanding and empathy"),
            gettext_noop("Paying full attention to others and trying to see things from their side."),
        ),
        (
            gettext_noop("Thinking flexibly"),
            gettext_noop("Looking at a problem in more than one way and changing your mind with reason."),
        ),
        (
            gettext_noop("Thinking about thinking (metacognition)"),
            gettext_noop("Noticing how you think and learn, and adjusting your approach."),
        ),
        (gettext_noop("Striving for accuracy"), gettext_noop("Checking your work and caring about getting it right.")),
        (
            gettext_noop("Questioning and posing problems"),
            gettext_noop("Asking good questions and finding problems worth solving."),
        ),
        (
            gettext_noop("Applying past knowledge to new situations"),
            gettext_noop("Using what you learned before to make sense of something new."),
        ),
        (
            gettext_noop("Thinking and communicating with clarity and precision"),
            gettext_noop("Saying and writing what you mean, clearly and exactly."),
        ),
        (
            gettext_noop("Gathering data through all senses"),
            gettext_noop("Noticing the world through sight, sound, touch, taste and smell."),
        ),
        (
            gettext_noop("Creating, imagining, innovating"),
            gettext_noop("Coming up with new ideas and trying original ways of doing."),
        ),
        (
            gettext_noop("Responding with wonderment and awe"),
            gettext_noop("Letting yourself be curious and amazed by the world."),
        ),
        (
            gettext_noop("Taking responsible risks"),
            gettext_noop("Trying something new and hard, after thinking about what could happen."),
        ),
        (gettext_noop("Finding humor"), gettext_noop("Seeing what is funny, including in yourself, and enjoying it.")),
        (
            gettext_noop("Thinking interdependently"),
            gettext_noop("Working and thinking together with others, sharing ideas."),
        ),
        (
            gettext_noop("Remaining open to continuous learning"),
            gettext_noop("Staying humble and curious, always ready to learn more."),
        ),
    ],
}

ATTRIBUTES_OF_PERSONALIZED_LEARNING = {
    "identifier": "pollinate:attributes-of-personalized-learning",
    "code": "PL",
    "title": gettext_noop("Attributes of personalized learning"),
    "creator": "Allison Zmuda and Bena Kallick",
    "subject": gettext_noop("Learner agency"),
    "description": gettext_noop("Four ways learners take part in shaping their own learning."),
    "licence": gettext_noop(
        "The four attributes are named by Allison Zmuda and Bena Kallick (Students at the Center: Personalized "
        "Learning with Habits of Mind, ASCD 2017), used here with attribution. The short descriptions are "
        "Pollinate's own, under the project's AGPL-3.0-or-later licence."
    ),
    "items": [
        (
            gettext_noop("Voice"),
            gettext_noop("Learners say what they want to learn and how, and their ideas shape the work."),
        ),
        (
            gettext_noop("Co-creation"),
            gettext_noop("Learners and teachers plan challenges, tasks and success criteria together."),
        ),
        (
            gettext_noop("Social construction"),
            gettext_noop("Learners build understanding with others, through talk, feedback and teams."),
        ),
        (
            gettext_noop("Self-discovery"),
            gettext_noop("Learners find out who they are as learners: strengths, interests and next steps."),
        ),
    ],
}

BUILT_IN_FRAMEWORKS = (HABITS_OF_MIND, ATTRIBUTES_OF_PERSONALIZED_LEARNING)


def _shared_default_scale(scale_model: Any, level_model: Any) -> Any:
    scale = scale_model.objects.filter(district__isnull=True, is_default=True).first()
    if scale is None:
        scale = scale_model.objects.create(
            district=None, name=DEFAULT_SCALE_NAME, mastery_threshold=DEFAULT_THRESHOLD, is_default=True
        )
        for value, label, family, description in DEFAULT_LEVELS:
            level_model.objects.create(
                scale=scale, value=value, label=label, family_label=family, description=description
            )
    return scale


def seed(framework_model: Any, competency_model: Any, scale_model: Any, level_model: Any) -> list[Any]:
    """Create or refresh the built-in frameworks; returns them in the order above."""
    scale = _shared_default_scale(scale_model, level_model)
    frameworks = []
    for spec in BUILT_IN_FRAMEWORKS:
        framework, _created = framework_model.objects.update_or_create(
            district=None,
            case_identifier=spec["identifier"],
            defaults={
                "source": "built_in",
                "title": spec["title"],
                "creator": spec["creator"],
                "subject": spec["subject"],
                "description": spec["description"],
                "licence": spec["licence"],
            },
            create_defaults={
                "source": "built_in",
                "title": spec["title"],
                "creator": spec["creator"],
                "subject": spec["subject"],
                "description": spec["description"],
                "licence": spec["licence"],
                "scale": scale,
            },
        )
        for position, (label, description) in enumerate(spec["items"]):
            slug = "-".join(label.lower().replace("(", "").replace(")", "").replace(",", "").split())
            competency_model.objects.update_or_create(
                framework=framework,
                case_identifier=f"{spec['identifier']}:{slug}",
                defaults={
                    "code": f"{spec['code']}.{position + 1}",
                    "abbreviated": label,
                    "statement": description,
                    "position": position,
                    "depth": 0,
                    "is_scorable": True,
                },
            )
        frameworks.append(framework)
    return frameworks
