"""`pollinate seed_demo`: load the demo district (idempotent; `--reset` replaces it) and print its logins."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db.models import ProtectedError, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext as _

from pollinate.demo import generator as g
from pollinate.demo.services import DEMO_PASSWORD, demo_district_seed, demo_logins
from pollinate.demo.writers import Progress


class Command(BaseCommand):
    help = "Load the demo district (a no-op if it exists) and print a sign-in for every role."

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=list(g.SIZES), default="small",
                            help="tiny: 1 school, ~30 students; small: 3 schools, ~600 students; "
                                 "district: 60 schools, 50,000 students")
        parser.add_argument("--seed", type=int, default=g.DEFAULT_SEED,
                            help="the same seed (and school year) always gives the same district")
        parser.add_argument("--school-year", type=int, default=None,
                            help="the year the school year ends in (default: the one in progress)")
        parser.add_argument("--reset", action="store_true",
                            help="delete the demo district's records and load it again")
        parser.add_argument("--quiet", action="store_true", help="no progress lines on stderr")

    def handle(self, *args, **options):
        school_year = options["school_year"] or g.default_school_year(timezone.localdate())
        progress = Progress(None if options["quiet"] else self.stderr)
        try:
            result = demo_district_seed(size=options["size"], seed=options["seed"], school_year=school_year,
                                        reset=options["reset"], progress=progress)
        except (ProtectedError, RestrictedError) as exc:
            raise CommandError(_("The demo district has records that must be kept (%(records)s); nothing changed.")
                               % {"records": ", ".join(sorted({str(o._meta.verbose_name) for o in exc.args[1]}))}
                               ) from exc
        if result.created:
            total = sum(result.counts.values())
            self.stdout.write(_("Loaded %(district)s: %(rows)s records in %(seconds).1f s.") % {
                "district": result.district.name, "rows": f"{total:,}", "seconds": result.seconds})
        else:
            self.stdout.write(_("%(district)s already exists; nothing changed (use --reset to load it again).")
                              % {"district": result.district.name})
        self.stdout.write(render_logins_table())


def render_logins_table() -> str:
    logins = demo_logins()
    header = (_("Role"), _("Username"), _("What they'll see"))
    rows = [header, *((login.role, login.username, login.sees) for login in logins)]
    widths = [max(len(row[i]) for row in rows) for i in range(2)]
    lines = [_("Demo sign-ins (password for all: %(password)s)") % {"password": DEMO_PASSWORD}]
    for n, (role, username, sees) in enumerate(rows):
        lines.append(f"  {role:<{widths[0]}}  {username:<{widths[1]}}  {sees}")
        if n == 0:
            lines.append(f"  {'-' * widths[0]}  {'-' * widths[1]}  {'-' * len(sees)}")
    return "\n".join(lines)
