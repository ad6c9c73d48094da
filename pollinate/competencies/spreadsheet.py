"""Reading a framework kept in a spreadsheet (CSV in OpenSALT's columns) as a CASE package.

Districts keep their own frameworks in spreadsheets. OpenSALT, the open-source CASE editor, names the columns:
``identifier``, ``fullStatement`` (the only one required), ``humanCodingScheme``, ``abbreviatedStatement``,
``CFItemType``, ``educationLevel``, the tree as ``isChildOf`` (another row's code or identifier) or as
``smartLevel`` (1, 1.2, 1.2.3: each row under the row whose level it extends), ``sequenceNumber``, and one
column per connection (``isPartOf``, ``isRelatedTo``, ``exemplar``, ``precedes``...). Headers are matched
without regard to case, spaces or underscores ("Is Child Of" is isChildOf).

``read_spreadsheet`` builds the CFPackage those rows describe and hands it to ``case.read_package``, so a
spreadsheet passes exactly the checks a CASE file does (duplicate identifiers, cycles...); every problem is
reported by spreadsheet row. Rows without an identifier get one derived from the framework's title and their code
(or statement), so importing the same sheet again updates the same competencies in place.
"""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
from typing import Any

from django.utils.translation import gettext as _

from pollinate.competencies.case import MAX_BYTES, Package, PackageRefused, Problem, read_package

MAX_ROWS = 20_000
# Our own namespace for identifiers of rows that have none (a UUID chosen once, never to change).
NAMESPACE = uuid.UUID("0b6f3c52-4a0e-5d0c-9a63-7f1e0d2b9c41")
FIELDS = {
    "identifier": "identifier",
    "fullstatement": "fullStatement",
    "humancodingscheme": "humanCodingScheme",
    "abbreviatedstatement": "abbreviatedStatement",
    "cfitemtype": "CFItemType",
    "itemtype": "CFItemType",
    "educationlevel": "educationLevel",
    "ischildof": "isChildOf",
    "smartlevel": "smartLevel",
    "sequencenumber": "sequenceNumber",
}
CONNECTIONS = {
    "ispartof": "isPartOf",
    "isrelatedto": "isRelatedTo",
    "exactmatchof": "exactMatchOf",
    "ispeerof": "isPeerOf",
    "precedes": "precedes",
    "exemplar": "exemplar",
    "hasskilllevel": "hasSkillLevel",
    "replacedby": "replacedBy",
}


def looks_like_spreadsheet(content: bytes | str, file_name: str) -> bool:
    """A .csv file; a .json file never; otherwise anything that does not start like JSON."""
    name = file_name.lower()
    if name.endswith((".csv", ".json")):
        return name.endswith(".csv")
    head = content[:64].lstrip(b"\xef\xbb\xbf \t\r\n" if isinstance(content, bytes) else "\ufeff \t\r\n")
    return bool(head) and head[:1] not in (b"{", b"[", "{", "[")


def _key(header: str) -> str:
    return re.sub(r"[\s_\-]+", "", header or "").lower()


def _refuse(file: str, where: str, message: str) -> PackageRefused:
    return PackageRefused([Problem(file, where, message)])


def _rows(content: bytes | str, file: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    if isinstance(content, bytes):
        if len(content) > MAX_BYTES:
            raise _refuse(file, "", _("the file is larger than %(mb)d MB") % {"mb": MAX_BYTES // (1024 * 1024)})
        try:
            content = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise _refuse(
                file,
                "",
                _("the file is not UTF-8 text (byte %(pos)d): in the spreadsheet, save it as “CSV UTF-8”")
                % {"pos": exc.start},
            ) from exc
    # The header row tells the separator: commas, or the semicolons and tabs some spreadsheet locales save with.
    # (csv.Sniffer guesses from quoted statements too, and guesses wrong on real standards.)
    first_line = content.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    try:
        found = list(csv.reader(io.StringIO(content, newline=""), csv.excel, delimiter=delimiter))
    except csv.Error as exc:
        raise _refuse(file, "", _("not a readable CSV file: %(msg)s") % {"msg": exc}) from exc
    if not found:
        raise _refuse(file, "", _("the file is empty"))
    header, body = found[0], found[1:]
    rows = [(number, row) for number, row in enumerate(body, start=2) if any(cell.strip() for cell in row)]
    if len(rows) > MAX_ROWS:
        raise _refuse(file, "", _("more than %(n)d rows: split the framework") % {"n": MAX_ROWS})
    return header, rows


def read_spreadsheet(content: bytes | str, *, file: str, title: str) -> Package:
    """The framework the sheet describes, titled ``title``, or ``PackageRefused`` listing every problem by row."""
    title = (title or "").strip()
    header, rows = _rows(content, file)
    columns: dict[str, int] = {}
    connections: dict[str, int] = {}
    for index, name in enumerate(header):
        key = _key(name)
        if key in FIELDS and FIELDS[key] not in columns:
            columns[FIELDS[key]] = index
        elif key in CONNECTIONS and CONNECTIONS[key] not in connections:
            connections[CONNECTIONS[key]] = index
    problems: list[Problem] = []
    if not title:
        problems.append(Problem(file, "", _("give the framework a title")))
    if "fullStatement" not in columns:
        problems.append(
            Problem(file, _("row 1"), _("no fullStatement column (the statement of each competency) in the header"))
        )
    if problems:
        raise PackageRefused(problems)

    def cell(row: list[str], name: str, where: dict[str, int] = columns) -> str:
        index = where.get(name)
        return row[index].strip() if index is not None and index < len(row) else ""

    document = str(uuid.uuid5(NAMESPACE, f"spreadsheet:{title.casefold()}"))
    by_identifier: dict[str, int] = {}
    by_code: dict[str, list[int]] = {}
    by_level: dict[str, int] = {}
    identifiers: list[str] = []
    for position, (_number, row) in enumerate(rows):
        code = cell(row, "humanCodingScheme")
        identifier = cell(row, "identifier") or str(
            uuid.uuid5(NAMESPACE, f"{document}:{code or cell(row, 'fullStatement')}")
        )
        identifiers.append(identifier)
        by_identifier.setdefault(identifier, position)
        if code:
            by_code.setdefault(code, []).append(position)
        level = cell(row, "smartLevel")
        if level:
            by_level.setdefault(level, position)

    def resolve(number: int, column: str, value: str) -> str | None:
        """The identifier of the row ``value`` names (identifier first, then code), or None with a problem."""
        if value in by_identifier:
            return identifiers[by_identifier[value]]
        matches = by_code.get(value, [])
        if len(matches) == 1:
            return identifiers[matches[0]]
        if matches:
            problems.append(
                Problem(
                    file,
                    _("row %(row)d") % {"row": number},
                    _("%(column)s “%(value)s” matches the code of %(n)d rows (%(rows)s): use their identifier")
                    % {
                        "column": column,
                        "value": value,
                        "n": len(matches),
                        "rows": ", ".join(str(rows[m][0]) for m in matches),
                    },
                )
            )
        return None

    items: list[dict[str, Any]] = []
    associations: list[dict[str, Any]] = []
    where: dict[str, int] = {}
    for position, (number, row) in enumerate(rows):
        identifier = identifiers[position]
        item: dict[str, Any] = {"identifier": identifier, "fullStatement": cell(row, "fullStatement")}
        if not item["fullStatement"]:
            problems.append(
                Problem(file, _("row %(row)d") % {"row": number}, _("the fullStatement cell is empty"))
            )
        for name in ("humanCodingScheme", "abbreviatedStatement", "CFItemType"):
            if cell(row, name):
                item[name] = cell(row, name)
        if cell(row, "educationLevel"):
            item["educationLevel"] = [v.strip() for v in cell(row, "educationLevel").split(",") if v.strip()]
        where[f"/CFItems/{len(items)}"] = number
        items.append(item)

        parent: str | None = document
        if "isChildOf" in columns:
            named = cell(row, "isChildOf")
            if named:
                parent = resolve(number, "isChildOf", named)
                if parent is None and named not in by_code:
                    problems.append(
                        Problem(
                            file,
                            _("row %(row)d") % {"row": number},
                            _("isChildOf “%(value)s” is neither the code nor the identifier of another row")
                            % {"value": named},
                        )
                    )
        elif cell(row, "smartLevel") and "." in cell(row, "smartLevel"):
            above = cell(row, "smartLevel").rsplit(".", 1)[0]
            if above in by_level:
                parent = identifiers[by_level[above]]
            else:
                parent = None
                problems.append(
                    Problem(
                        file,
                        _("row %(row)d") % {"row": number},
                        _("smartLevel %(level)s: no row has the level %(above)s above it")
                        % {"level": cell(row, "smartLevel"), "above": above},
                    )
                )
        if parent is not None:
            child: dict[str, Any] = {
                "identifier": str(uuid.uuid5(NAMESPACE, f"{identifier}:isChildOf:{parent}")),
                "associationType": "isChildOf",
                "originNodeURI": {"identifier": identifier, "title": item["fullStatement"][:60], "uri": ""},
                "destinationNodeURI": {"identifier": parent, "title": "", "uri": ""},
            }
            sequence = cell(row, "sequenceNumber") or cell(row, "smartLevel").rsplit(".", 1)[-1]
            if sequence.isdigit():
                child["sequenceNumber"] = int(sequence)
            elif cell(row, "sequenceNumber"):
                problems.append(
                    Problem(
                        file,
                        _("row %(row)d") % {"row": number},
                        _("sequenceNumber must be a whole number, not “%(value)s”") % {"value": sequence},
                    )
                )
            where[f"/CFAssociations/{len(associations)}"] = number
            associations.append(child)

        for kind, index in connections.items():
            value = row[index].strip() if index < len(row) else ""
            for target in (v.strip() for v in value.split(",")):
                if not target:
                    continue
                inside = target in by_identifier or len(by_code.get(target, [])) == 1
                destination = resolve(number, kind, target) if inside else target
                if destination is None:
                    continue
                where[f"/CFAssociations/{len(associations)}"] = number
                associations.append(
                    {
                        "identifier": str(uuid.uuid5(NAMESPACE, f"{identifier}:{kind}:{destination}")),
                        "associationType": kind,
                        "originNodeURI": {"identifier": identifier, "title": "", "uri": ""},
                        "destinationNodeURI": {
                            "identifier": destination,
                            "title": "" if inside else target,
                            "uri": target if not inside and target.startswith(("http://", "https://")) else "",
                        },
                    }
                )
    if problems:
        raise PackageRefused(problems)
    package_json = {
        "CFDocument": {"identifier": document, "title": title, "uri": "", "creator": ""},
        "CFItems": items,
        "CFAssociations": associations,
    }
    try:
        package = read_package(json.dumps(package_json), file=file)
    except PackageRefused as exc:
        raise PackageRefused([_by_row(problem, where) for problem in exc.problems]) from exc
    package.source = "spreadsheet"
    return package


def _by_row(problem: Problem, where: dict[str, int]) -> Problem:
    """A problem found in the package built from the sheet, pointed at the sheet's row instead."""
    match = re.match(r"^(/CF(?:Items|Associations)/\d+)", problem.pointer)
    if match and match.group(1) in where:
        return Problem(problem.file, _("row %(row)d") % {"row": where[match.group(1)]}, problem.message)
    return problem
