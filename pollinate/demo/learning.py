"""Learner agency in the demo district: goals, evidence, reflections, feedback, an inquiry, choice.

Seeded for demo-teacher's classes (which include demo-student) so every demo login has something to look at:
the teacher's "who needs me" queue, the guardian's view of their child's goals and shared work, the coach's
professional goal to agree. Written through the apps' own services, so the rules, history, audit and
notifications are the real ones; afterwards each new row is moved back to the moment it "happened", spread
over the six weeks before the anchor day (today, kept inside the school year).

Deterministic: every choice comes from ``random.Random(f"{seed}:learning")`` and the plan's ordering.
"""

from __future__ import annotations

import datetime as dt
import io
import random
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F
from django.utils import timezone

from pollinate.choice import services as choice
from pollinate.choice.models import Activity, ActivityChoice, Pathway
from pollinate.demo import generator as g
from pollinate.demo import learning_texts as t
from pollinate.evidence import services as evidence
from pollinate.evidence.models import Audience, Evidence
from pollinate.goals import services as goals
from pollinate.goals.models import ActionStep, CheckIn, Goal, GoalEvent, SystemGoal
from pollinate.inquiry import services as inquiry
from pollinate.inquiry.models import EssentialQuestion, Inquiry, InquirySource
from pollinate.learners import services as learners
from pollinate.learners.models import LearnerProfile
from pollinate.notifications.models import Notification
from pollinate.people.models import District, Person, School, Section
from pollinate.reflections import services as reflections
from pollinate.reflections.models import Feedback, Reflection, ReflectionPrompt

# Sizes that get learning activity; the district size stays fast (its benchmark generates its own).
LEARNING_SIZES = ("tiny", "small")
WEEKS_BACK = 6
OTHER_LEARNERS = {"tiny": 8, "small": 12}
# The story of each sampled classmate's main goal, cycled: every state appears, several wait for the teacher.
OTHER_GOAL_STATES = ("proposed", "active", "changes_requested", "proposed", "active", "achieved", "draft",
                     "proposed", "active", "dropped", "active", "proposed")
OTHER_AUDIENCES = (Audience.FAMILY, Audience.GUIDES, Audience.CLASS, Audience.FAMILY, Audience.GUIDES)

# Datetime fields services set to "now", per model: stamped back to the step's moment right after each step.
STAMPED: dict[type, tuple[str, ...]] = {
    SystemGoal: ("created_at",),
    Goal: ("created_at", "updated_at", "last_activity_at", "agreed_at"),
    GoalEvent: ("at",),
    ActionStep: ("created_at", "done_at"),
    CheckIn: ("at",),
    Evidence: ("created_at", "updated_at", "first_feedback_at"),
    Feedback: ("created_at",),
    Reflection: ("created_at", "first_feedback_at"),
    Inquiry: ("created_at", "updated_at"),
    InquirySource: ("created_at",),
    EssentialQuestion: ("created_at",),
    Pathway: ("created_at",),
    Activity: ("created_at", "declined_at"),
    ActivityChoice: ("chosen_at", "done_at"),
    LearnerProfile: ("updated_at",),
    Notification: ("created_at",),
}
# Only the fields each model has (the apps may add or drop a timestamp without breaking the demo).
STAMPED = {model: tuple(name for name in names if name in {f.name for f in model._meta.get_fields()})
           for model, names in STAMPED.items()}


def anchor_day(school_year: int, today: dt.date) -> dt.date:
    """The day the activity leads up to: today, kept late enough in the school year to have six weeks behind it."""
    starts = dt.date(school_year - 1, 8, 17) + dt.timedelta(weeks=WEEKS_BACK)
    ends = dt.date(school_year, 6, 4)
    return min(max(today, starts), ends)


@dataclass
class _Clock:
    """Moments in the last six weeks, and the stamping of rows a service just wrote with "now"."""

    anchor: dt.date
    rng: random.Random
    started: dt.datetime = field(default_factory=timezone.now)

    def at(self, days_ago: int, hour: int | None = None) -> dt.datetime:
        day = self.anchor - dt.timedelta(days=max(1, min(days_ago, WEEKS_BACK * 7)))
        while day.weekday() >= 5:  # school happens on weekdays
            day -= dt.timedelta(days=1)
        hour = hour if hour is not None else self.rng.randint(8, 20)
        moment = dt.datetime.combine(day, dt.time(hour, self.rng.randrange(60)))
        return timezone.make_aware(moment)

    def stamp(self, when: dt.datetime, *models: type) -> None:
        for model in models:
            for name in STAMPED[model]:
                model.objects.filter(**{f"{name}__gte": self.started}).update(**{name: when})


class _Story:
    def __init__(self, *, district: District, plan: g.DemoDistrict, rng: random.Random, clock: _Clock) -> None:
        self.district, self.plan, self.rng, self.clock = district, plan, rng, clock
        ids = plan.demo_ids
        people = {p.sourced_id: p for p in Person.objects.filter(district=district, sourced_id__in=ids.values())}
        self.student = people[ids[g.DEMO_STUDENT]]
        self.teacher = people[ids[g.DEMO_TEACHER]]
        self.mentor = people[ids[g.DEMO_MENTOR]]
        self.site_coach = people[ids[g.DEMO_SITE_COACH]]
        self.admin = people[ids[g.DEMO_ADMIN]]
        showcase = plan.showcase
        classes = [c for c in plan.plan_classes(showcase) if c.teacher == 0 and c.students]
        self.first_class = classes[0]
        # Each student's subject with demo-teacher (their first shared class), for subject-flavored goals.
        self.subject_of: dict[str, str] = {}
        for planned in classes:
            for i in planned.students:
                self.subject_of.setdefault(g.student_id(i), planned.subject)
        others = sorted(sid for sid in self.subject_of if sid != self.student.sourced_id)
        wanted = OTHER_LEARNERS[plan.preset.name]
        picked = rng.sample(others, min(wanted, len(others)))
        by_id = {p.sourced_id: p for p in Person.objects.filter(district=district, sourced_id__in=picked)}
        self.others = [by_id[sid] for sid in picked]
        self.section = Section.objects.get(district=district, sourced_id=self.first_class.sourced_id)
        self.prompts = {p.stem: p for p in ReflectionPrompt.objects.filter(district__isnull=True, is_active=True)}
        self.schools = list(School.objects.filter(district=district).order_by("sourced_id"))
        self.school_goal: SystemGoal | None = None
        self.district_goal: SystemGoal | None = None
        self.active_goals: list[Goal] = []
        # Classmates' work is dealt from shuffled decks, so the same piece turns up as rarely as possible.
        self.writing_deck = [*rng.sample(t.WRITING[3:], len(t.WRITING) - 3), t.WRITING[0], t.WRITING[2]]
        self.link_deck = rng.sample(t.LINKS, len(t.LINKS))
        self.dealt = 0

    # -- helpers

    def do(self, days_ago: int, models: tuple[type, ...], fn: Any, **kwargs: Any) -> Any:
        when = self.clock.at(days_ago)
        result = fn(**kwargs)
        self.clock.stamp(when, *models)
        return result

    def due(self, days_ahead: int) -> dt.date:
        return self.clock.anchor + dt.timedelta(days=days_ahead)

    # -- the story, oldest first within each thread

    def run(self) -> None:
        self.system_goals()
        self.demo_student_goals()
        for n, learner in enumerate(self.others):
            self.other_goal(learner, OTHER_GOAL_STATES[n % len(OTHER_GOAL_STATES)])
        self.professional_goal()
        self.pathways()
        self.demo_student_work()
        for learner in self.others:
            self.other_work(learner)
        self.inquiries()
        self.profile()
        self.finish()

    def system_goals(self) -> None:
        title, description = t.DISTRICT_GOAL
        self.district_goal = self.do(42, (SystemGoal,), goals.system_goal_create, actor=self.admin,
                                     level=SystemGoal.Level.DISTRICT, title=title, description=description,
                                     district_id=self.district.pk)
        leader_ids = {s.sourced_id: s.leader_ids[0] for s in self.plan.schools}
        leaders = {p.sourced_id: p for p in Person.objects.filter(district=self.district,
                                                                  sourced_id__in=leader_ids.values())}
        title, description = t.SCHOOL_GOAL
        for school in self.schools:
            created = self.do(41, (SystemGoal,), goals.system_goal_create, actor=leaders[leader_ids[school.sourced_id]],
                              level=SystemGoal.Level.SCHOOL, title=title, description=description,
                              school_id=school.pk)
            if school.sourced_id == self.plan.showcase.sourced_id:
                self.school_goal = created

    def _goal(self, learner: Person, days_ago: int, kind: str, spec: tuple, *, guide: Person | None,
              aligned: SystemGoal | None = None, due_in: int = 60, **extra: Any) -> Goal:
        title, specific, measure = spec[:3]
        due_on = self.due(due_in)
        fields: dict[str, Any] = dict(kind=kind, title=title, specific=specific, measure=measure,
                                      guide_id=guide.pk if guide else None,
                                      aligned_to_id=aligned.pk if aligned else None, **extra)
        if due_on >= timezone.localdate():
            fields["due_on"] = due_on
        return self.do(days_ago, (Goal, GoalEvent), goals.goal_create, actor=learner, **fields)

    def _propose(self, goal: Goal, days_ago: int) -> Goal:
        return self.do(days_ago, (Goal, GoalEvent, Notification), goals.goal_propose, actor=goal.learner, goal=goal,
                       comment=self.rng.choice(t.PROPOSE_COMMENTS))

    def _agree(self, goal: Goal, guide: Person, days_ago: int) -> Goal:
        goal = self.do(days_ago, (Goal, GoalEvent, Notification), goals.goal_agree, actor=guide, goal=goal,
                       comment=self.rng.choice(t.AGREE_COMMENTS))
        self.active_goals.append(goal)
        return goal

    def _steps(self, goal: Goal, steps: tuple[str, ...], days_ago: int, *, done: int = 0) -> None:
        for n, title in enumerate(steps):
            step = self.do(days_ago, (Goal, ActionStep), goals.action_step_add, actor=goal.learner, goal=goal,
                           title=title, due_on=None)
            if n < done:
                self.do(days_ago - 4 - n * 3, (Goal, ActionStep), goals.action_step_update, actor=goal.learner,
                        step=step, done=True)

    def _check_in(self, goal: Goal, author: Person, days_ago: int, progress: int, notes: tuple[str, str]) -> None:
        self.do(days_ago, (Goal, CheckIn, Notification), goals.check_in_create, actor=author, goal=goal,
                progress=progress, note=notes[0], next_step=notes[1])

    def _active(self, learner: Person, guide: Person, spec: tuple, start: int, *, kind: str,
                aligned: SystemGoal | None = None, check_ins: int = 1) -> Goal:
        goal = self._goal(learner, start, kind, spec, guide=guide, aligned=aligned)
        goal = self._propose(goal, start - 1)
        goal = self._agree(goal, guide, start - 3)
        self._steps(goal, spec[3] if len(spec) > 3 else (), start - 3, done=1)
        for n in range(check_ins):
            self._check_in(goal, learner, start - 10 - 12 * n, min(90, 25 + 25 * n + self.rng.randrange(15)),
                           self.rng.choice(t.CHECK_IN_NOTES))
        return goal

    def _academic(self, learner: Person) -> tuple:
        subject = self.subject_of.get(learner.sourced_id, "")
        pool = t.ACADEMIC_GOALS.get(subject, t.ACADEMIC_GOALS["English Language Arts"])
        return self.rng.choice(pool)

    def demo_student_goals(self) -> None:
        me, teacher = self.student, self.teacher
        ela = t.ACADEMIC_GOALS["English Language Arts"]
        reading = self._active(me, teacher, ela[0], 38, kind=Goal.Kind.ACADEMIC, aligned=self.district_goal,
                               check_ins=2)
        self._check_in(reading, teacher, 5, 55, t.GUIDE_CHECK_IN_NOTES[0])
        self.reading_goal = reading
        self._active(me, self.mentor, t.PERSONAL_GOALS[0], 30, kind=Goal.Kind.PERSONAL, check_ins=1)
        habit = self._active(me, teacher, t.HABIT_GOALS[0], 40, kind=Goal.Kind.HABIT, aligned=self.school_goal,
                             check_ins=2)
        self.do(6, (Goal, GoalEvent, Notification), goals.goal_achieve, actor=me, goal=habit,
                comment=t.ACHIEVED_COMMENTS[0])
        essay = self._goal(me, 4, Goal.Kind.ACADEMIC, ela[1], guide=teacher, aligned=self.district_goal)
        self._propose(essay, 3)
        vague = self._goal(me, 12, Goal.Kind.ACADEMIC, (*t.VAGUE_GOAL, ""), guide=teacher)
        self._propose(vague, 12)
        self.do(10, (Goal, GoalEvent, Notification), goals.goal_request_changes, actor=teacher, goal=vague,
                comment=t.VAGUE_COMMENTS[0])
        title, specific = t.DRAFT_GOALS[0]
        self._goal(me, 2, Goal.Kind.PERSONAL, (title, specific, ""), guide=None)

    def other_goal(self, learner: Person, state: str) -> None:
        rng, teacher = self.rng, self.teacher
        kind, spec = rng.choice([(Goal.Kind.ACADEMIC, self._academic(learner)), (Goal.Kind.ACADEMIC,
                                 self._academic(learner)), (Goal.Kind.HABIT, rng.choice(t.HABIT_GOALS)),
                                 (Goal.Kind.PERSONAL, rng.choice(t.PERSONAL_GOALS))])
        aligned = rng.choice([self.district_goal, self.school_goal, None])
        if state == "draft":
            title, specific = rng.choice(t.DRAFT_GOALS)
            self._goal(learner, rng.randint(1, 8), Goal.Kind.PERSONAL, (title, specific, ""), guide=None)
        elif state == "proposed":
            days = rng.randint(1, 7)
            goal = self._goal(learner, days + 1, kind, spec, guide=teacher, aligned=aligned)
            self._propose(goal, days)
        elif state == "changes_requested":
            goal = self._goal(learner, 14, Goal.Kind.ACADEMIC, (*t.VAGUE_GOAL, ""), guide=teacher)
            self._propose(goal, 13)
            self.do(11, (Goal, GoalEvent, Notification), goals.goal_request_changes, actor=teacher, goal=goal,
                    comment=t.VAGUE_COMMENTS[1])
        else:
            start = rng.randint(25, 40)
            goal = self._active(learner, teacher, spec, start, kind=kind, aligned=aligned,
                                check_ins=rng.randint(0, 2))
            if state == "achieved":
                self.do(rng.randint(2, 8), (Goal, GoalEvent, Notification), goals.goal_achieve, actor=teacher,
                        goal=goal, comment=t.ACHIEVED_COMMENTS[1])
            elif state == "dropped":
                self.do(rng.randint(2, 8), (Goal, GoalEvent, Notification), goals.goal_drop, actor=learner,
                        goal=goal, reason=rng.choice(t.DROPPED_REASONS))

    def professional_goal(self) -> None:
        goal = self._goal(self.teacher, 6, Goal.Kind.PROFESSIONAL, t.PRO_GOAL, guide=self.site_coach,
                          aligned=self.school_goal)
        self._propose(goal, 5)
        # demo-teachercoach coaches two colleagues; one of them works on a goal they agreed.
        coachee = Person.objects.get(district=self.district, sourced_id=self.plan.showcase.teacher_ids[2])
        coach = Person.objects.get(district=self.district, sourced_id=self.plan.demo_ids[g.DEMO_TEACHER_COACH])
        self._active(coachee, coach, t.COACHEE_GOAL, 33, kind=Goal.Kind.PROFESSIONAL, aligned=self.school_goal,
                     check_ins=1)

    # -- choice

    def pathways(self) -> None:
        teacher, section = self.teacher, self.section
        made = {}
        for spec, kind, days, picks in ((t.BOARD, Pathway.Kind.CHOICE_BOARD, 29, 2),
                                        (t.PLAYLIST, Pathway.Kind.PLAYLIST, 22, 1)):
            pathway = self.do(days, (Pathway,), choice.pathway_create, actor=teacher, kind=kind, title=spec["title"],
                              section_ids=[section.pk], instructions=spec["instructions"], picks_required=picks)
            items = []
            for title, description, choice_kind, modes in spec["activities"]:
                aligned = [self.district_goal.pk] if kind == Pathway.Kind.PLAYLIST and self.district_goal else []
                items.append(self.do(days, (Activity,), choice.activity_add, actor=teacher, pathway_id=pathway.pk,
                                     title=title, description=description, choice_kind=choice_kind,
                                     evidence_modes=modes, aligned_goal_ids=aligned))
            self.do(days, (), choice.pathway_publish, actor=teacher, pathway_id=pathway.pk)
            made[kind] = (pathway, items)
        board, board_items = made[Pathway.Kind.CHOICE_BOARD]
        playlist, playlist_items = made[Pathway.Kind.PLAYLIST]
        self.board_items = board_items
        classmates = list(Person.objects.filter(
            enrollments__section=section, enrollments__role="student").order_by("sourced_id"))
        # demo-student: one pick under way and an idea of their own waiting for the teacher.
        pick = self.do(20, (ActivityChoice,), choice.activity_choose, actor=self.student, pathway_id=board.pk,
                       activity_id=board_items[0].activity_id)
        self.do(15, (ActivityChoice,), choice.choice_set_status, actor=self.student, choice_id=pick.pk,
                status=ActivityChoice.Status.IN_PROGRESS)
        title, description = t.BOARD["proposal"]
        self.do(3, (Activity,), choice.activity_propose, actor=self.student, pathway_id=board.pk, title=title,
                description=description, evidence_modes=["video"])
        approved_one = False
        for n, learner in enumerate(p for p in classmates if p.pk != self.student.pk):
            if self.rng.random() < 0.25:
                continue
            first, second = self.rng.sample(board_items, 2)
            pick = self.do(self.rng.randint(12, 27), (ActivityChoice,), choice.activity_choose, actor=learner,
                           pathway_id=board.pk, activity_id=first.activity_id)
            if self.rng.random() < 0.6:
                self.do(self.rng.randint(2, 11), (ActivityChoice,), choice.choice_set_status, actor=learner,
                        choice_id=pick.pk, status=self.rng.choice(list(ActivityChoice.Status.values)[1:]))
            if not approved_one and n % 3 == 1:
                title, description = t.BOARD["other_proposal"]
                item = self.do(14, (Activity,), choice.activity_propose, actor=learner, pathway_id=board.pk,
                               title=title, description=description, evidence_modes=["audio"])
                self.do(12, (Activity, ActivityChoice, Notification), choice.proposal_review, actor=teacher,
                        activity_id=item.activity_id, approve=True, note="What a creative idea — go for it!")
                approved_one = True
            elif self.rng.random() < 0.5:
                self.do(self.rng.randint(5, 11), (ActivityChoice,), choice.activity_choose, actor=learner,
                        pathway_id=board.pk, activity_id=second.activity_id)
        # The playlist: everyone who started is somewhere along it, in order.
        for learner in [self.student, *(p for p in classmates if p.pk != self.student.pk)]:
            steps_done = self.rng.choice((0, 1, 1, 2, 3)) if learner.pk != self.student.pk else 2
            if learner.pk != self.student.pk and self.rng.random() < 0.3:
                continue
            day = 20
            for item in playlist_items[: steps_done + 1]:
                pick = self.do(day, (ActivityChoice,), choice.activity_choose, actor=learner,
                               pathway_id=playlist.pk, activity_id=item.activity_id)
                day -= self.rng.randint(2, 5)
                if item is playlist_items[steps_done]:
                    break
                self.do(day, (ActivityChoice,), choice.choice_set_status, actor=learner, choice_id=pick.pk,
                        status=ActivityChoice.Status.DONE)

    # -- evidence, feedback, reflections

    def _evidence(self, learner: Person, days_ago: int, kind: str, title: str, body: str, *, link: str = "",
                  audience: str, portfolio: bool = False, goal: Goal | None = None, **extra: Any) -> Evidence:
        when = self.clock.at(days_ago)
        piece = evidence.evidence_create(actor=learner, kind=kind, title=title, body=body, link_url=link,
                                         audience=audience, in_portfolio=portfolio,
                                         goal_id=goal.pk if goal else None, produced_on=when.date(), **extra)
        self.clock.stamp(when, Evidence)
        return piece

    def _feedback(self, days_ago: int, **target: Any) -> None:
        body = self.rng.choice(t.FEEDBACK_ON_REFLECTION if "reflection" in target else t.FEEDBACK_ON_EVIDENCE)
        self.do(days_ago, (Feedback, Evidence, Reflection, Notification), reflections.feedback_add, actor=self.teacher,
                body=body, **target)

    def _reflect(self, learner: Person, days_ago: int, stem: str, *, shared: bool = True, **target: Any) -> Any:
        prompt = self.prompts.get(stem)
        return self.do(days_ago, (Reflection,), reflections.reflection_create, actor=learner,
                       body=self.rng.choice(t.REFLECTIONS[stem]), prompt_id=prompt.pk if prompt else None,
                       shared_with_guides=shared, **target)

    def demo_student_work(self) -> None:
        me, goal = self.student, self.reading_goal
        review = self._evidence(me, 26, Evidence.Kind.WRITING, *t.WRITING[0], audience=Audience.FAMILY,
                                portfolio=True, goal=goal)
        self._feedback(24, evidence=review)
        journal = self._evidence(me, 33, Evidence.Kind.WRITING, *t.WRITING[2], audience=Audience.ONLY_ME, goal=goal)
        self._evidence(me, 8, Evidence.Kind.LINK, *t.LINKS[2][:2], link=t.LINKS[2][2], audience=Audience.FAMILY,
                       goal=goal)
        argument = self._evidence(me, 5, Evidence.Kind.WRITING, *t.WRITING[1], audience=Audience.GUIDES)
        self._evidence(me, 3, Evidence.Kind.LINK, *t.LINKS[1][:2], link=t.LINKS[1][2], audience=Audience.CLASS)
        poem = self._evidence(me, 17, Evidence.Kind.WRITING, *t.WRITING[6], audience=Audience.FAMILY, portfolio=True)
        self._feedback(4, evidence=poem)
        self._drawing(me, 12)
        self._reflect(me, 32, "in_the_way", shared=False, evidence_id=journal.pk)
        shared = self._reflect(me, 25, "helped", goal_id=goal.pk)
        self._feedback(23, reflection=shared)
        self._reflect(me, 9, "how_know", goal_id=goal.pk)
        self._reflect(me, 4, "what", evidence_id=argument.pk)

    def _drawing(self, learner: Person, days_ago: int) -> None:
        """A story map drawn on the canvas: a small PNG made here, stored like any upload."""
        from PIL import Image, ImageDraw

        image = Image.new("RGB", (480, 320), "white")
        pen = ImageDraw.Draw(image)
        boxes = ((20, 40, "Beginning"), (180, 40, "Problem"), (340, 40, "Ending"))
        for x, y, label in boxes:
            pen.rounded_rectangle((x, y, x + 120, y + 80), radius=12, outline="#2a6f4e", width=4)
            pen.text((x + 14, y + 32), label, fill="#1b1b1b")
        for x in (140, 300):
            pen.line((x + 4, 80, x + 36, 80), fill="#c2410c", width=4)
        pen.ellipse((200, 180, 280, 260), outline="#7c3aed", width=4)
        pen.text((212, 212), "Pandora", fill="#1b1b1b")
        data = io.BytesIO()
        image.save(data, format="PNG")
        data.seek(0)
        self._evidence(learner, days_ago, Evidence.Kind.DRAWING, "Story map: Pandora's box",
                       "My plan for the comic strip on the choice board.", audience=Audience.FAMILY, portfolio=True,
                       upload=data, upload_name="story-map.png", activity_id=self.board_items[0].activity_id)

    def other_work(self, learner: Person) -> None:
        rng = self.rng
        goal = next((gl for gl in self.active_goals if gl.learner_id == learner.pk), None)
        for n in range(rng.randint(1, 2)):
            days = rng.randint(2, 30)
            audience = rng.choice(OTHER_AUDIENCES)
            self.dealt += 1
            if rng.random() < 0.3:
                title, caption, url = self.link_deck[self.dealt % len(self.link_deck)]
                piece = self._evidence(learner, days, Evidence.Kind.LINK, title, caption, link=url, audience=audience,
                                       goal=goal if n == 0 else None, portfolio=rng.random() < 0.4)
            else:
                title, body = self.writing_deck[self.dealt % len(self.writing_deck)]
                piece = self._evidence(learner, days, Evidence.Kind.WRITING, title, body, audience=audience,
                                       goal=goal if n == 0 else None, portfolio=rng.random() < 0.4)
            if days > 6 and rng.random() < 0.5:
                self._feedback(days - 2, evidence=piece)
        if rng.random() < 0.6:
            stem = rng.choice(list(t.REFLECTIONS))
            self._reflect(learner, rng.randint(2, 20), stem, shared=rng.random() < 0.8,
                          goal_id=goal.pk if goal else None)

    # -- inquiry and profile

    def inquiries(self) -> None:
        me, spec = self.student, t.INQUIRY
        models = (Inquiry, InquirySource)
        mine = self.do(21, models, inquiry.inquiry_create, actor=me, question=spec["question"],
                       goal_id=self.reading_goal.pk, audience=Audience.GUIDES)
        self.do(20, models, inquiry.inquiry_update, actor=me, inquiry=mine, plan=spec["plan"])
        self.do(19, models, inquiry.inquiry_set_stage, actor=me, inquiry=mine, stage=Inquiry.Stage.INVESTIGATE)
        for n, (title, url, note) in enumerate(spec["sources"]):
            self.do(18 - 3 * n, models, inquiry.source_add, actor=me, inquiry=mine, title=title, url=url, note=note)
        self.do(7, models, inquiry.inquiry_update, actor=me, inquiry=mine, findings=spec["findings"])
        self.do(6, models, inquiry.inquiry_set_stage, actor=me, inquiry=mine, stage=Inquiry.Stage.SHARED,
                audience=Audience.CLASS)
        question = self.do(24, (EssentialQuestion,), inquiry.essential_question_create, actor=self.teacher,
                           question=t.ESSENTIAL_QUESTION, section_ids=[self.section.pk])
        classmate = next((p for p in self.others if p.enrollments.filter(section=self.section).exists()), None)
        if classmate is not None:
            taken = self.do(16, models, inquiry.inquiry_create, actor=classmate, essential_question_id=question.pk,
                            audience=Audience.FAMILY)
            self.do(14, models, inquiry.inquiry_update, actor=classmate, inquiry=taken, plan=t.ESSENTIAL_PLAN)
            self.do(14, models, inquiry.inquiry_set_stage, actor=classmate, inquiry=taken, stage=Inquiry.Stage.PLAN)
        research = self.do(27, models, inquiry.inquiry_create, actor=self.teacher,
                           question=t.ACTION_RESEARCH["question"], kind=Inquiry.Kind.ACTION_RESEARCH,
                           audience=Audience.GUIDES)
        self.do(26, models, inquiry.inquiry_update, actor=self.teacher, inquiry=research,
                plan=t.ACTION_RESEARCH["plan"])
        self.do(20, models, inquiry.inquiry_set_stage, actor=self.teacher, inquiry=research,
                stage=Inquiry.Stage.INVESTIGATE)

    def profile(self) -> None:
        self.do(34, (LearnerProfile,), learners.profile_update, actor=self.student, learner_id=self.student.pk,
                preferred_modes=["drawing", "video", "writing"], **t.PROFILE)
        self.do(27, (LearnerProfile,), learners.profile_update, actor=self.teacher, learner_id=self.student.pk,
                access_needs=f"{t.PROFILE['access_needs']} {t.TEACHER_PROFILE_NOTE}")

    def finish(self) -> None:
        """Next check-ins follow from the (moved) last check-in; older notifications have been read."""
        active = Goal.objects.filter(district=self.district, status=Goal.Status.ACTIVE).prefetch_related("check_ins")
        for goal in active:
            last = max([goal.agreed_at, *(c.at for c in goal.check_ins.all())])
            due = timezone.localtime(last).date() + dt.timedelta(days=goal.check_in_every_days)
            Goal.objects.filter(pk=goal.pk).update(next_check_in_on=due)
        week_ago = timezone.make_aware(dt.datetime.combine(self.clock.anchor - dt.timedelta(days=7), dt.time()))
        Notification.objects.filter(recipient__district=self.district, created_at__lt=week_ago).update(
            read_at=F("created_at") + dt.timedelta(hours=18))


def seed_learning(*, district: District, plan: g.DemoDistrict) -> int:
    """Write the demo's learning activity; returns how many records were written."""
    rng = random.Random(f"{plan.seed}:learning")
    clock = _Clock(anchor_day(plan.school_year, timezone.localdate()), random.Random(f"{plan.seed}:learning:clock"))
    _Story(district=district, plan=plan, rng=rng, clock=clock).run()
    return learning_counts(district)["total"]


def learning_counts(district: District) -> dict[str, int]:
    counts = {
        "system goals": SystemGoal.objects.filter(district=district).count(),
        "goals": Goal.objects.filter(district=district).count(),
        "evidence": Evidence.objects.filter(district=district).count(),
        "reflections": Reflection.objects.filter(district=district).count(),
        "feedback": Feedback.objects.filter(district=district).count(),
        "inquiries": Inquiry.objects.filter(district=district).count(),
        "pathways": Pathway.objects.filter(district=district).count(),
        "picks": ActivityChoice.objects.filter(pathway__district=district).count(),
        "notifications": Notification.objects.filter(recipient__district=district).count(),
    }
    counts["total"] = sum(counts.values())
    return counts
