from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from pollinate.coaching.coverage import OVERDUE, coverage_report
from pollinate.coaching.demo import seed_coaching
from pollinate.coaching.models import CadenceRule, CoachingCycle, ScheduledCheckIn
from pollinate.coaching.queries import my_check_ins
from pollinate.demo import generator as g
from pollinate.people.models import District, Person


@pytest.mark.django_db
def test_demo_logins_have_coaching_to_show():
    with time_machine.travel(dt.datetime(2026, 11, 18, 12, tzinfo=dt.UTC), tick=False):
        call_command("seed_demo", "--size", "tiny", "--school-year", "2027", "--quiet", stdout=StringIO())
        district = District.objects.get(slug=g.DISTRICT_SLUG)
        # seed_demo already ran seed_coaching (tiny is a learning size): a second run adds nothing.
        assert seed_coaching(district) == 0
        assert CadenceRule.objects.filter(district=district).count() == 3
        site_coach = Person.objects.get(username=g.DEMO_USERNAMES[g.DEMO_SITE_COACH])
        assert CoachingCycle.objects.filter(coach=site_coach).count() == 1
        assert my_check_ins(viewer=site_coach)["upcoming"]
        lead = Person.objects.get(username=g.DEMO_USERNAMES[g.DEMO_LEAD_COACH])
        report = coverage_report(viewer=lead)
        assert any(row.status == OVERDUE for row in report.rows)
        assert report.escalated
        assert ScheduledCheckIn.objects.filter(district=district, status="held").exists()
