"""A district imports a framework it keeps in a spreadsheet (CSV in OpenSALT's columns), read in place from the
shared samples: 1,189 Common Core ELA standards nested by smartLevel, and OpenSALT's import template nested by
isChildOf codes with connections to outside resources."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from pollinate.competencies.models import Competency, CompetencyLink, Framework
from pollinate.competencies.services.case_import import ImportRefused, framework_import_case
from pollinate.competencies.tests.conftest import CASE_SAMPLES

pytestmark = pytest.mark.django_db
ELA = "ccsso_ela_item.csv"


def _import(world, content, *, title="District standards", name="standards.csv", dry_run=False):
    return framework_import_case(
        actor=world.district_admin,
        district=world.section.district,
        content=content,
        file_name=name,
        title=title,
        dry_run=dry_run,
    )


def _parents(framework):
    rows = Competency.objects.filter(framework=framework).select_related("parent")
    return {(c.code or c.statement): (c.parent.code or c.parent.statement) if c.parent else None for c in rows}


def test_the_common_core_ela_sheet_imports_as_a_tree_in_reading_order_and_again_in_place(world, case_sample):
    summary = _import(world, case_sample(ELA), title="Common Core ELA", name=ELA)

    framework = Framework.objects.get(pk=summary.framework_id)
    assert (framework.title, framework.source, summary.created) == ("Common Core ELA", "spreadsheet", 1189)
    chain, competency = [], Competency.objects.get(framework=framework, code="CCRA.R.1")
    while competency is not None:
        chain.append(competency.code or competency.statement)
        competency = competency.parent
    assert chain == ["CCRA.R.1", "Key Ideas and Details", "Reading", "College and Career Anchor Standards"]
    first = list(Competency.objects.filter(framework=framework).order_by("position").values_list("code", "depth")[:6])
    assert first == [("", 0), ("", 1), ("", 2), ("CCRA.R.1", 3), ("CCRA.R.2", 3), ("CCRA.R.3", 3)]
    l14 = Competency.objects.get(framework=framework, code="L.1.4")
    assert (l14.item_type, l14.education_levels, l14.is_scorable) == ("Standard", "01", False)
    assert l14.case_identifier == "7fbbd2fa-885d-11e7-a99d-449ef607a326"

    again = _import(world, case_sample(ELA), title="Common Core ELA", name=ELA)
    assert (again.framework_id, again.created, again.updated, again.unchanged) == (framework.pk, 0, 0, 1189)


def test_the_opensalt_template_nests_by_code_and_keeps_its_connections(world, case_sample):
    summary = _import(world, case_sample("sample_case.csv"), title="Maths sample", name="sample_case.csv")

    framework = Framework.objects.get(pk=summary.framework_id)
    parents = _parents(framework)
    assert parents["M.F.1-2.S1a"] == "M.F.1-2.S1"
    assert parents["M.F"] == "M"
    assert parents["M.E.C1"] is None  # its "Is Child Of" is empty: the top level
    links = {
        (link.competency.code, link.kind, link.target_uri or link.target_title)
        for link in CompetencyLink.objects.filter(competency__framework=framework).select_related("competency")
    }
    assert links == {
        ("M.F", "isRelatedTo", "CCSS.Math.Content.HSF-IF.C.8b"),
        ("M.F.1-2", "isRelatedTo", "http://asn.jesandco.org/resources/S1143417"),
        ("M.F.1-2.S1", "exemplar", "https://www.opened.com/video/classify-and-order-real-numbers-using-subsets/801540"),
        ("M.F.1-2.S1b", "isRelatedTo", "CCSS.MATH.CONTENT.1.G.A.1"),
    }


def test_rows_without_identifiers_keep_theirs_across_imports_and_semicolons_are_read(world):
    sheet = "Human Coding Scheme;Full Statement;Is Child Of\nW;Writing;\nW.1;Write arguments;W\nW.2;Write stories;W\n"
    first = _import(world, sheet.encode())
    edited = sheet.replace("Write stories", "Write narratives")
    again = _import(world, edited.encode())

    assert (again.framework_id, again.created, again.updated, again.unchanged) == (first.framework_id, 0, 1, 2)
    assert Competency.objects.get(code="W.2").statement == "Write narratives"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"code,notes\nA,x\n", ["standards.csv row 1: no fullStatement column (the statement of each competency)"]),
        (
            b"humanCodingScheme,fullStatement,isChildOf\nA,Alpha,\nB,Beta,Z\nC,,A\n",
            [
                "standards.csv row 3: isChildOf \u201cZ\u201d is neither the code nor the identifier of another row",
                "standards.csv row 4: the fullStatement cell is empty",
            ],
        ),
        (
            b"humanCodingScheme,fullStatement,isChildOf\nA,Alpha,B\nB,Beta,A\n",
            ["standards.csv row 2: isChildOf associations form a cycle: A \u2192 B \u2192 A"],
        ),
        (
            b"humanCodingScheme,fullStatement,isChildOf\nA,Alpha,\nA,Again,\nB,Beta,A\n",
            ["standards.csv row 4: isChildOf \u201cA\u201d matches the code of 2 rows (2, 3): use their identifier"],
        ),
        (
            "fullStatement\nL\u00e9er\n".encode("cp1252"),  # saved in the Windows code page
            ["standards.csv /: the file is not UTF-8 text (byte 15): in the spreadsheet, save it as \u201cCSV UTF-8"],
        ),
    ],
    ids=["no statement column", "unknown parent and empty statement", "cycle", "ambiguous code", "not utf-8"],
)
def test_a_bad_sheet_is_refused_whole_with_its_rows_named(world, content, expected):
    before = Framework.objects.count()
    with pytest.raises(ImportRefused) as refused:
        _import(world, content)
    assert [line[: len(e)] for line, e in zip(refused.value.details, expected, strict=True)] == expected
    assert Framework.objects.count() == before


def test_a_sheet_needs_a_title(world, case_sample):
    with pytest.raises(ImportRefused) as refused:
        _import(world, case_sample("sample_case.csv"), title="  ")
    assert refused.value.details == ["standards.csv /: give the framework a title"]


def test_the_import_page_and_the_command_take_a_sheet(world, client_for, case_sample):
    page = client_for(world.district_admin).post(
        reverse("competencies:case-import"),
        {
            "district": world.section.district.pk,
            "title": "Maths sample",
            "file": SimpleUploadedFile("sample_case.csv", case_sample("sample_case.csv"), content_type="text/csv"),
        },
    )
    assert page.status_code == 200
    assert "Imported: Maths sample" in page.content.decode()
    assert Framework.objects.get(title="Maths sample").competencies.count() == 10

    out = StringIO()
    call_command(
        "import_case",
        str(CASE_SAMPLES / ELA),
        "--district",
        world.section.district.slug,
        "--title",
        "Common Core ELA",
        "--dry-run",
        stdout=out,
    )
    assert "1189 created" in out.getvalue()
    assert not Framework.objects.filter(title="Common Core ELA").exists()
