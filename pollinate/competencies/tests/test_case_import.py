"""Re-import in place, dry runs, refusals (nothing written), the command, and who may import."""

from __future__ import annotations

import copy
import json

import pytest
from django.core.management import CommandError, call_command

from pollinate.competencies.models import Competency, Framework
from pollinate.competencies.services import case_import
from pollinate.competencies.services.case_import import ImportRefused, framework_import_case
from pollinate.core.errors import Forbidden
from pollinate.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def imported_frameworks():
    """Frameworks of a district (the built-in ones are always there)."""
    return Framework.objects.filter(district__isnull=False)


def imported_items():
    return Competency.objects.filter(framework__district__isnull=False)


DOC_ID = "d0000000-0000-0000-0000-000000000000"


def _package(items, links, *, title="Tiny framework", doc_id=DOC_ID):
    """items: [(identifier, code)], links: [(child, parent or None for the document, sequenceNumber)]."""
    return {
        "CFDocument": {"identifier": doc_id, "uri": f"https://x/{doc_id}", "creator": "Test", "title": title},
        "CFItems": [
            {"identifier": i, "humanCodingScheme": code, "fullStatement": f"Statement {code}"} for i, code in items
        ],
        "CFAssociations": [
            {
                "identifier": f"a-{n}",
                "associationType": "isChildOf",
                "originNodeURI": {"identifier": child},
                "destinationNodeURI": {"identifier": parent or doc_id},
                **({"sequenceNumber": seq} if seq is not None else {}),
            }
            for n, (child, parent, seq) in enumerate(links)
        ],
    }


BASE = _package(
    [("s", "S"), ("s1", "S.1"), ("s2", "S.2"), ("t", "T")],
    [("s", None, 1), ("s1", "s", None), ("s2", "s", None), ("t", None, 2)],
)


def _run(world, package, *, actor="admin", dry_run=False, name="tiny.json"):
    content = package if isinstance(package, bytes) else json.dumps(package).encode()
    return framework_import_case(
        actor=world.district_admin if actor == "admin" else actor,
        district=world.section.district,
        content=content,
        file_name=name,
        dry_run=dry_run,
    )


def _codes():
    return list(imported_items().order_by("position").values_list("depth", "code", "withdrawn_at"))


def test_reimport_of_the_same_package_changes_nothing(world):
    first = _run(world, BASE)
    ids = dict(imported_items().values_list("code", "id"))
    second = _run(world, BASE)
    assert second.framework_id == first.framework_id
    assert (second.created, second.updated, second.unchanged, second.removed, second.kept) == (0, 0, 4, [], [])
    assert dict(imported_items().values_list("code", "id")) == ids
    assert AuditEvent.objects.filter(verb="competencies.framework_imported").count() == 2


def test_reimport_updates_in_place_moves_and_removes_unscored_items(world):
    _run(world, BASE)
    s1_id = imported_items().get(code="S.1").pk
    changed = copy.deepcopy(BASE)
    changed["CFDocument"]["title"] = "Tiny framework, 2nd edition"
    changed["CFItems"][1]["fullStatement"] = "A clearer statement"
    del changed["CFItems"][2]  # S.2 goes
    changed["CFItems"].append({"identifier": "t1", "humanCodingScheme": "T.1", "fullStatement": "New"})
    changed["CFAssociations"] = [a for a in changed["CFAssociations"] if a["originNodeURI"]["identifier"] != "s2"]
    changed["CFAssociations"].append(
        {
            "identifier": "a-9",
            "associationType": "isChildOf",
            "originNodeURI": {"identifier": "t1"},
            "destinationNodeURI": {"identifier": "t"},
        }
    )
    summary = _run(world, changed)
    assert (summary.created, summary.updated, summary.unchanged) == (1, 2, 1)  # S.1 text; T now has a child
    assert summary.removed == ["S.2"]
    assert summary.kept == []
    assert _codes() == [(0, "S", None), (1, "S.1", None), (0, "T", None), (1, "T.1", None)]
    s1 = imported_items().get(code="S.1")
    assert (s1.pk, s1.statement) == (s1_id, "A clearer statement")
    assert imported_frameworks().get().title == "Tiny framework, 2nd edition"
    assert imported_items().get(code="T").is_scorable is False


def test_items_already_used_are_kept_and_marked_withdrawn(world, monkeypatch):
    _run(world, BASE)
    s_ids = set(imported_items().filter(code__in=["S", "S.2"]).values_list("id", flat=True))
    used_id = imported_items().get(code="S.2").pk
    monkeypatch.setattr(case_import, "competency_ids_in_use", lambda ids: {used_id} & set(ids))
    without_s = _package([("t", "T")], [("t", None, None)])
    summary = _run(world, without_s)
    assert summary.removed == ["S", "S.1"]
    assert summary.kept == ["S.2"]
    rows = list(imported_items().order_by("position").values_list("code", "depth", "parent_id"))
    assert rows == [("T", 0, None), ("S.2", 0, None)]
    kept = imported_items().get(code="S.2")
    assert kept.withdrawn_at is not None
    assert set(imported_items().values_list("id", flat=True)) & s_ids == {used_id}
    # Back in a later package: the same row, no longer withdrawn.
    again = _run(world, BASE)
    assert again.created == 2
    assert imported_items().get(code="S.2").pk == used_id
    assert imported_items().get(code="S.2").withdrawn_at is None


def test_dry_run_reports_and_writes_nothing(world):
    summary = _run(world, BASE, dry_run=True)
    assert (summary.created, summary.framework_id, summary.dry_run) == (4, None, True)
    assert summary.lines()[0] == "Checked (dry run, nothing written): Tiny framework"
    assert imported_frameworks().count() == 0
    assert imported_items().count() == 0
    assert AuditEvent.objects.filter(verb="competencies.framework_imported").count() == 0


def _refused(world, package, name="tiny.json"):
    with pytest.raises(ImportRefused) as caught:
        _run(world, package, name=name)
    assert imported_frameworks().count() == 0
    assert imported_items().count() == 0
    return caught.value.details


def test_refuses_what_is_not_json(world):
    assert _refused(world, b"{not json", name="bad.json") == [
        "bad.json /: not JSON: Expecting property name enclosed in double quotes at line 1, column 2"
    ]
    assert _refused(world, b"\xff\xfe", name="bad.json") == ["bad.json /: the file is not UTF-8 text (byte 0)"]
    assert _refused(world, b"[1, 2]") == ["tiny.json /: a CASE package must be a JSON object"]


def test_refuses_a_package_without_cfdocument(world):
    assert _refused(world, {"CFItems": []}) == ["tiny.json /CFDocument: the package has no CFDocument"]


def test_refuses_items_without_identifier_and_duplicates_listing_every_problem(world):
    package = copy.deepcopy(BASE)
    package["CFItems"][1]["identifier"] = ""
    package["CFItems"].append({"identifier": "t", "fullStatement": "again"})
    assert _refused(world, package) == [
        "tiny.json /CFItems/1/identifier: an identifier is required (a non-empty string)",
        "tiny.json /CFItems/4/identifier: duplicate identifier t (already used at /CFItems/3)",
        "tiny.json /CFAssociations/1/originNodeURI/identifier: isChildOf points from s1, which is not an item in "
        "this package",
    ]


def test_refuses_associations_pointing_nowhere(world):
    package = copy.deepcopy(BASE)
    package["CFAssociations"][3]["destinationNodeURI"]["identifier"] = "missing"
    assert _refused(world, package) == [
        "tiny.json /CFAssociations/3/destinationNodeURI/identifier: isChildOf points to missing, which is neither "
        "an item nor the document of this package"
    ]


def test_refuses_cycles(world):
    package = _package(
        [("a", "A"), ("b", "B"), ("c", "C"), ("d", "D")],
        [("a", None, None), ("b", "c", None), ("c", "b", None), ("d", "c", None)],
    )
    assert _refused(world, package) == ["tiny.json /CFAssociations/1: isChildOf associations form a cycle: B → C → B"]


def test_only_district_admins_import(world):
    for person in (world.teacher, world.leader_a1, world.outsider_admin):
        with pytest.raises(Forbidden):
            _run(world, BASE, actor=person)
    assert imported_frameworks().count() == 0


def test_command_imports_and_prints_a_summary(world, tmp_path, capsys):
    path = tmp_path / "tiny.json"
    path.write_text(json.dumps(BASE))
    call_command("import_case", str(path), "--district", "alder")
    out = capsys.readouterr().out
    assert out.splitlines() == [
        "District alder",
        "Imported: Tiny framework",
        "4 created, 0 updated, 0 unchanged, 0 removed, 0 kept",
    ]
    call_command("import_case", str(path), "--district", "alder", "--dry-run")
    assert capsys.readouterr().out.splitlines()[1:] == [
        "Checked (dry run, nothing written): Tiny framework",
        "0 created, 0 updated, 4 unchanged, 0 removed, 0 kept",
    ]
    assert imported_items().count() == 4


def test_command_refuses_bad_package_with_every_problem(world, tmp_path, capsys):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"CFDocument": {"title": "No id"}}))
    with pytest.raises(CommandError, match="The package was refused: 1 problem"):
        call_command("import_case", str(path), "--district", "alder")
    assert capsys.readouterr().err.splitlines() == [
        "ERROR: bad.json /CFDocument/identifier: an identifier is required (a non-empty string)"
    ]
    with pytest.raises(CommandError, match='No district with the short name "nowhere"'):
        call_command("import_case", str(path), "--district", "nowhere")
    assert imported_frameworks().count() == 0


def _wide_package(n_strands: int, per_strand: int):
    items, links = [], []
    for s in range(n_strands):
        items.append((f"s{s}", f"S{s}"))
        links.append((f"s{s}", None, s + 1))
        for k in range(per_strand):
            items.append((f"s{s}-{k}", f"S{s}.{k}"))
            links.append((f"s{s}-{k}", f"s{s}", k + 1))
    return _package(items, links)


def test_import_and_reimport_write_in_batches_not_row_by_row(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    package = _wide_package(20, 30)  # 620 items on two levels
    with CaptureQueriesContext(connection) as first:
        _run(world, package)
    changed = copy.deepcopy(package)
    for item in changed["CFItems"]:
        item["fullStatement"] += " (2nd edition)"
    with CaptureQueriesContext(connection) as second:
        summary = _run(world, changed)
    assert (summary.created, summary.updated) == (0, 620)
    assert imported_items().count() == 620
    # Inserts and updates go in batches (SQLite caps the parameters per statement, hence a few per level).
    assert len(first) < 40
    assert len(second) < 40


def _link(identifier, kind, origin, target, **target_fields):
    return {
        "identifier": identifier,
        "associationType": kind,
        "originNodeURI": {"identifier": origin},
        "destinationNodeURI": {"identifier": target, **target_fields},
    }


def _s_precedes_t(*more):
    """Two top-level items, S and T, with S published as coming before T (and any further associations)."""
    package = _package([("s", "S"), ("t", "T")], [("s", None, 1), ("t", None, 2)])
    package["CFAssociations"] += [_link("p-1", "precedes", "s", "t", uri="https://x/t", title="T"), *more]
    return package


def _s_and_t(summary):
    return (Competency.objects.get(framework_id=summary.framework_id, code=code) for code in ("S", "T"))


def test_connections_beyond_the_tree_show_on_both_competencies_and_only_web_addresses_link(world, client_for):
    package = _s_precedes_t(
        _link("e-1", "exemplar", "s", "lesson", uri="https://lessons.example/fractions", title="A lesson"),
        _link("e-2", "exemplar", "s", "bad", uri="javascript:alert(1)", title="Not a link"),
        _link("x-1", "isRelatedTo", "elsewhere", "s"),
        _link("x-2", "isRelatedTo", "elsewhere", "somewhere-else"),
    )
    summary = _run(world, package)
    lines = summary.lines()
    assert "Connections beyond the tree, shown on each competency: exemplar (2), isRelatedTo (1), precedes (1)" in lines
    assert "Not imported (they connect nothing in this package): isRelatedTo (1)" in lines
    s, t = _s_and_t(summary)
    client = client_for(world.teacher)
    first = client.get(f"/competencies/competency/{s.pk}/").content.decode()
    assert f'Comes before:</span>\n        <a href="/competencies/competency/{t.pk}/">T</a>' in first
    assert '<a href="https://lessons.example/fractions" rel="noopener noreferrer external">A lesson</a>' in first
    assert "Not a link" in first and "javascript:" not in first
    second = client.get(f"/competencies/competency/{t.pk}/").content.decode()
    assert f'Comes after:</span>\n        <a href="/competencies/competency/{s.pk}/">S</a>' in second


def test_the_api_lists_a_competencys_connections_for_integrators(world, client_for):
    s, t = _s_and_t(_run(world, _s_precedes_t()))
    client = client_for(world.teacher)
    assert client.get(f"/api/v1/competencies/{t.pk}/connections").json() == [
        {"kind": "precedes", "direction": "in", "words": "Comes after", "competency_id": s.pk, "label": "S", "url": ""}
    ]
    assert client_for(world.outsider_teacher).get(f"/api/v1/competencies/{t.pk}/connections").status_code == 404


def test_a_connection_published_into_an_item_from_outside_reads_the_right_way_on_both_ends(world, client_for):
    # Another framework the district already has: its item U is the origin of the next package's association.
    _run(world, _package([("u", "U")], [("u", None, 1)], title="Grade 3", doc_id="doc-grade-3"))
    package = _s_precedes_t(
        {
            "identifier": "in-1",
            "associationType": "precedes",
            "originNodeURI": {"identifier": "u", "uri": "https://x/u", "title": "U"},
            "destinationNodeURI": {"identifier": "s"},
        },
        {
            "identifier": "in-2",
            "associationType": "precedes",
            "originNodeURI": {"identifier": "gone", "uri": "https://cases.example/gone", "title": "Counting to 100"},
            "destinationNodeURI": {"identifier": "t"},
        },
    )
    summary = _run(world, package)
    s, t = _s_and_t(summary)
    u = Competency.objects.get(code="U")
    client = client_for(world.teacher)

    def read(competency):
        found = client.get(f"/api/v1/competencies/{competency.pk}/connections").json()
        return [(c["direction"], c["words"], c["competency_id"], c["label"]) for c in found]

    assert read(s) == [("out", "Comes before", t.pk, "T"), ("in", "Comes after", u.pk, "U")]
    assert read(u) == [("out", "Comes before", s.pk, "S")]
    outside = [c for c in client.get(f"/api/v1/competencies/{t.pk}/connections").json() if c["competency_id"] is None]
    assert outside == [
        {
            "kind": "precedes",
            "direction": "in",
            "words": "Comes after",
            "competency_id": None,
            "label": "Counting to 100",
            "url": "https://cases.example/gone",
        }
    ]
