"""Reading CASE packages (1EdTech Competencies and Academic Standards Exchange, 1.0 and 1.1 JSON).

Pure Python, no database: ``read_package`` turns the bytes of a CFPackage into a ``Package`` whose items are
already in tree order (parents before children, siblings by ``sequenceNumber`` when present, otherwise in
the order of ``CFItems`` in the file), or raises ``PackageRefused`` listing every problem found, each with the
file name, a JSON pointer and a message. The checks are the parts of the official 1.1 schema this importer
relies on (written by hand: jsonschema is not a dependency), plus the rules a schema cannot express
(duplicate identifiers, associations pointing nowhere, cycles). 1.0 packages, which carry extra
``CFDocumentURI``/``CFPackageURI`` fields, are accepted; so are pre-1.0 drafts (``educationalLevel``), with a
warning.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Problem:
    file: str
    pointer: str
    message: str

    def __str__(self) -> str:
        return f"{self.file} {self.pointer or '/'}: {self.message}"


class PackageRefused(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


@dataclass
class Item:
    identifier: str
    code: str
    statement: str
    abbreviated: str
    item_type: str
    education_levels: str
    parent_identifier: str | None
    position: int = 0
    depth: int = 0
    is_scorable: bool = True


@dataclass
class Link:
    """A CASE association other than isChildOf (exactMatchOf, precedes...) that touches an item of this package:
    from it (``origin`` is the item, the target the destination), or into it from outside (``incoming``: ``origin``
    is the item at the destination, the target the association's origin)."""

    kind: str
    origin: str
    target_identifier: str
    target_uri: str
    target_title: str
    incoming: bool = False


@dataclass
class Descriptor:
    """A level of a CASE rubric criterion that points at an item: what that level looks like for it."""

    item: str
    criterion: str
    score: float | None
    quality: str
    description: str
    feedback: str
    position: int = 0


@dataclass
class Package:
    identifier: str
    title: str
    uri: str = ""
    creator: str = ""
    version: str = ""
    subject: str = ""
    description: str = ""
    licence: str = ""
    items: list[Item] = field(default_factory=list)
    # Associations other than isChildOf, by type: those touching an item of this package are kept as ``links``;
    # the others (between things elsewhere) are only counted, in ``skipped_associations``.
    other_associations: Counter = field(default_factory=Counter)
    links: list[Link] = field(default_factory=list)
    skipped_associations: Counter = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)
    # CFRubrics, as the levels of criteria that point at items of this package.
    descriptors: list[Descriptor] = field(default_factory=list)
    # Where it came from: a CASE file, or a spreadsheet read by ``spreadsheet.read_spreadsheet``.
    source: str = "case"


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _joined(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v).strip() for v in value if str(v).strip())
    return _text(value)


class _Reader:
    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def problem(self, pointer: str, message: str) -> None:
        self.problems.append(Problem(self.file, pointer, message))

    def identifier(self, obj: dict, pointer: str, *, key: str = "identifier") -> str | None:
        value = obj.get(key)
        if not isinstance(value, str) or not value.strip():
            self.problem(f"{pointer}/{key}", _("an identifier is required (a non-empty string)"))
            return None
        return value.strip()

    def node_identifier(self, assoc: dict, pointer: str, key: str) -> str | None:
        node = assoc.get(key)
        if isinstance(node, dict):
            return self.identifier(node, f"{pointer}/{key}")
        self.problem(f"{pointer}/{key}", _("must be an object with an identifier"))
        return None


def read_package(content: bytes | str, *, file: str = "package.json") -> Package:
    reader = _Reader(file)
    data = _parse_json(reader, content)
    if isinstance(data, dict) and isinstance(data.get("CFPackage"), dict):
        # Some servers wrap the package: {"CFPackage": {...}}.
        data = data["CFPackage"]
        root = "/CFPackage"
    else:
        root = ""
    if not isinstance(data, dict):
        reader.problem("", _("a CASE package must be a JSON object"))
        raise PackageRefused(reader.problems)
    document = data.get("CFDocument")
    if not isinstance(document, dict):
        reader.problem(f"{root}/CFDocument", _("the package has no CFDocument"))
        raise PackageRefused(reader.problems)
    package = _read_document(reader, document, f"{root}/CFDocument", data.get("CFDefinitions"))
    items, order = _read_items(reader, data.get("CFItems", []), f"{root}/CFItems", package)
    parents = _read_associations(reader, data.get("CFAssociations", []), f"{root}/CFAssociations", package, items)
    _read_rubrics(reader, data.get("CFRubrics"), f"{root}/CFRubrics", package, items)
    if reader.problems:
        raise PackageRefused(reader.problems)
    _build_tree(reader, package, items, order, parents, f"{root}/CFAssociations")
    if reader.problems:
        raise PackageRefused(reader.problems)
    return package


def _parse_json(reader: _Reader, content: bytes | str) -> Any:
    if isinstance(content, bytes):
        if len(content) > MAX_BYTES:
            reader.problem("", _("the file is larger than %(mb)d MB") % {"mb": MAX_BYTES // (1024 * 1024)})
            raise PackageRefused(reader.problems)
        try:
            content = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            reader.problem("", _("the file is not UTF-8 text (byte %(pos)d)") % {"pos": exc.start})
            raise PackageRefused(reader.problems) from exc
    try:
        return json.loads(content)
    except json.JSONDecodeError as exc:
        reader.problem(
            "",
            _("not JSON: %(msg)s at line %(line)d, column %(col)d")
            % {"msg": exc.msg, "line": exc.lineno, "col": exc.colno},
        )
        raise PackageRefused(reader.problems) from exc


def _read_document(reader: _Reader, doc: dict, pointer: str, definitions: Any) -> Package:
    identifier = reader.identifier(doc, pointer) or ""
    title = _text(doc.get("title"))
    if not title:
        reader.problem(f"{pointer}/title", _("the framework needs a title"))
    licence = ""
    licence_ref = doc.get("licenseURI")
    if isinstance(licence_ref, dict) and isinstance(definitions, dict):
        wanted = licence_ref.get("identifier")
        for lic in definitions.get("CFLicenses") or []:
            if isinstance(lic, dict) and lic.get("identifier") == wanted:
                licence = "\n\n".join(t for t in (_text(lic.get("title")), _text(lic.get("licenseText"))) if t)
        licence = licence or _text(licence_ref.get("title"))
    return Package(
        identifier=identifier,
        title=title[:255],
        uri=_text(doc.get("uri"))[:500],
        creator=(_text(doc.get("creator")) or _text(doc.get("publisher")))[:255],
        version=_text(doc.get("version"))[:64],
        subject=_joined(doc.get("subject"))[:255],
        description=_text(doc.get("description")),
        licence=licence,
    )


def _read_items(reader: _Reader, raw: Any, pointer: str, package: Package) -> tuple[dict[str, Item], list[str]]:
    items: dict[str, Item] = {}
    order: list[str] = []
    if raw is None:
        return items, order
    if not isinstance(raw, list):
        reader.problem(pointer, _("CFItems must be a list"))
        return items, order
    first_seen: dict[str, int] = {package.identifier: -1} if package.identifier else {}
    warned_draft_level = False
    for index, obj in enumerate(raw):
        here = f"{pointer}/{index}"
        if not isinstance(obj, dict):
            reader.problem(here, _("each item must be a JSON object"))
            continue
        identifier = reader.identifier(obj, here)
        statement = obj.get("fullStatement")
        if not isinstance(statement, str) or not statement.strip():
            reader.problem(f"{here}/fullStatement", _("the item has no fullStatement"))
        if identifier is None or not isinstance(statement, str):
            continue
        if identifier in first_seen:
            earlier = first_seen[identifier]
            where = "/CFDocument" if earlier < 0 else f"{pointer}/{earlier}"
            reader.problem(
                f"{here}/identifier",
                _("duplicate identifier %(id)s (already used at %(where)s)") % {"id": identifier, "where": where},
            )
            continue
        first_seen[identifier] = index
        levels = obj.get("educationLevel")
        if levels is None and "educationalLevel" in obj:
            levels = obj["educationalLevel"]
            if not warned_draft_level:
                package.warnings.append(_("Read the pre-1.0 field “educationalLevel” as educationLevel."))
                warned_draft_level = True
        item_type = _text(obj.get("CFItemType"))
        if not item_type and isinstance(obj.get("CFItemTypeURI"), dict):
            item_type = _text(obj["CFItemTypeURI"].get("title"))
        items[identifier] = Item(
            identifier=identifier,
            code=_text(obj.get("humanCodingScheme"))[:120],
            statement=statement.strip(),
            abbreviated=_text(obj.get("abbreviatedStatement"))[:255],
            item_type=item_type[:120],
            education_levels=_joined(levels)[:255],
            parent_identifier=None,
        )
        order.append(identifier)
    return items, order


def _read_associations(
    reader: _Reader, raw: Any, pointer: str, package: Package, items: dict[str, Item]
) -> dict[str, list[tuple[tuple, str, int]]]:
    """Each item's isChildOf links: [(sort key among siblings, parent identifier, association index)]."""
    links: dict[str, list[tuple[tuple, str, int]]] = {}
    if raw is None:
        return links
    if not isinstance(raw, list):
        reader.problem(pointer, _("CFAssociations must be a list"))
        return links
    item_index = {identifier: i for i, identifier in enumerate(items)}
    for index, obj in enumerate(raw):
        here = f"{pointer}/{index}"
        if not isinstance(obj, dict):
            reader.problem(here, _("each association must be a JSON object"))
            continue
        kind = obj.get("associationType")
        if not isinstance(kind, str) or not kind:
            reader.problem(f"{here}/associationType", _("the association has no associationType"))
            continue
        origin = reader.node_identifier(obj, here, "originNodeURI")
        destination = reader.node_identifier(obj, here, "destinationNodeURI")
        if kind != "isChildOf":
            package.other_associations[kind] += 1
            target = obj.get("destinationNodeURI")
            source = obj.get("originNodeURI")
            if origin in items and destination is not None and isinstance(target, dict):
                package.links.append(_link(kind, origin, destination, target))
            elif destination in items and origin is not None and isinstance(source, dict):
                # Published by this framework about something elsewhere that points at one of its items (another
                # framework's standard that precedes it, say): kept on the item, facing the other way.
                package.links.append(_link(kind, destination, origin, source, incoming=True))
            elif origin is not None and destination is not None:
                package.skipped_associations[kind] += 1
            continue
        if origin is None or destination is None:
            continue
        if origin not in items:
            reader.problem(
                f"{here}/originNodeURI/identifier",
                _("isChildOf points from %(id)s, which is not an item in this package") % {"id": origin},
            )
            continue
        if destination not in items and destination != package.identifier:
            reader.problem(
                f"{here}/destinationNodeURI/identifier",
                _("isChildOf points to %(id)s, which is neither an item nor the document of this package")
                % {"id": destination},
            )
            continue
        sequence = obj.get("sequenceNumber")
        if isinstance(sequence, str) and sequence.strip().lstrip("-").isdigit():
            sequence = int(sequence)
        if sequence is not None and (not isinstance(sequence, int) or isinstance(sequence, bool)):
            reader.problem(f"{here}/sequenceNumber", _("sequenceNumber must be a whole number"))
            continue
        key = (sequence is None, sequence or 0, item_index[origin])
        links.setdefault(origin, []).append((key, destination, index))
    return links


def _link(kind: str, item: str, other: str, node: dict, *, incoming: bool = False) -> Link:
    """A connection kept on ``item``; ``node`` is the association's end at ``other`` (its uri and title)."""
    return Link(
        kind[:64], item, other[:255], _text(node.get("uri"))[:500], _text(node.get("title"))[:255], incoming
    )


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            return None
    return None


def _read_rubrics(reader: _Reader, raw: Any, pointer: str, package: Package, items: dict[str, Item]) -> None:
    """CFRubrics → ``package.descriptors``: each criterion that points at an item of this package gives that item
    its levels (score, quality, description, feedback), criteria and levels in their published positions.
    Criteria pointing elsewhere, or nowhere, are counted in a warning: a rubric may serve several frameworks."""
    if raw is None:
        return
    if not isinstance(raw, list):
        reader.problem(pointer, _("CFRubrics must be a list"))
        return
    elsewhere = 0
    found: list[tuple[tuple, Descriptor]] = []
    for r, rubric in enumerate(raw):
        here = f"{pointer}/{r}"
        if not isinstance(rubric, dict):
            reader.problem(here, _("each rubric must be a JSON object"))
            continue
        criteria = rubric.get("CFRubricCriteria") or []
        if not isinstance(criteria, list):
            reader.problem(f"{here}/CFRubricCriteria", _("CFRubricCriteria must be a list"))
            continue
        for c, criterion in enumerate(criteria):
            at = f"{here}/CFRubricCriteria/{c}"
            if not isinstance(criterion, dict):
                reader.problem(at, _("each rubric criterion must be a JSON object"))
                continue
            target = criterion.get("CFItemURI")
            item = target.get("identifier") if isinstance(target, dict) else None
            if not isinstance(item, str) or item.strip() not in items:
                elsewhere += 1
                continue
            levels = criterion.get("CFRubricCriterionLevels") or []
            if not isinstance(levels, list):
                reader.problem(f"{at}/CFRubricCriterionLevels", _("CFRubricCriterionLevels must be a list"))
                continue
            label = (_text(criterion.get("category")) or _text(criterion.get("description")))[:255]
            criterion_key = (_number(criterion.get("position")) or 0, r, c)
            for n, level in enumerate(levels):
                if not isinstance(level, dict):
                    reader.problem(f"{at}/CFRubricCriterionLevels/{n}", _("each level must be a JSON object"))
                    continue
                score = _number(level.get("score"))
                key = (*criterion_key, _number(level.get("position")) or 0, score or 0, n)
                found.append(
                    (
                        key,
                        Descriptor(
                            item=item.strip(),
                            criterion=label,
                            score=score,
                            quality=_text(level.get("quality"))[:255],
                            description=_text(level.get("description")),
                            feedback=_text(level.get("feedback")),
                        ),
                    )
                )
    for position, (_key, descriptor) in enumerate(sorted(found, key=lambda kv: kv[0])):
        descriptor.position = position
        package.descriptors.append(descriptor)
    if elsewhere:
        package.warnings.append(
            ngettext(
                "%(n)d rubric criterion describes no item of this package and was not imported.",
                "%(n)d rubric criteria describe no item of this package and were not imported.",
                elsewhere,
            )
            % {"n": elsewhere}
        )


def _build_tree(
    reader: _Reader,
    package: Package,
    items: dict[str, Item],
    order: list[str],
    links: dict[str, list[tuple[tuple, str, int]]],
    pointer: str,
) -> None:
    root = package.identifier
    sort_key: dict[str, tuple] = {}
    link_index: dict[str, int] = {}
    children: dict[str, list[str]] = {}
    orphans = 0
    for file_index, identifier in enumerate(order):
        candidates = links.get(identifier)
        if not candidates:
            # Not placed anywhere: show it at the top level rather than lose it.
            parent, key = root, (True, 0, file_index)
            orphans += 1
        else:
            key, parent, assoc_index = min(candidates, key=lambda c: c[2])
            distinct_parents = {c[1] for c in candidates}
            if len(distinct_parents) > 1:
                package.warnings.append(
                    _("Item %(code)s sits under %(n)d parents; it is shown under the first one only.")
                    % {"code": items[identifier].code or identifier, "n": len(distinct_parents)}
                )
            link_index[identifier] = assoc_index
        items[identifier].parent_identifier = None if parent == root else parent
        sort_key[identifier] = key
        children.setdefault(parent, []).append(identifier)
    if orphans:
        package.warnings.append(
            _("%(n)d item(s) had no isChildOf association and were placed at the top level.") % {"n": orphans}
        )

    placed: set[str] = set()
    ordered: list[Item] = []
    stack: list[tuple[str, int]] = [(c, 0) for c in sorted(children.get(root, []), key=sort_key.get, reverse=True)]
    while stack:
        identifier, depth = stack.pop()
        placed.add(identifier)
        item = items[identifier]
        item.depth = depth
        item.position = len(ordered)
        kids = sorted(children.get(identifier, []), key=sort_key.get)
        item.is_scorable = not kids
        ordered.append(item)
        stack.extend((c, depth + 1) for c in reversed(kids))

    unplaced = [identifier for identifier in order if identifier not in placed]
    if unplaced:
        # Whatever cannot be reached from the document sits on a cycle (or hangs below one).
        reported: set[str] = set()
        for identifier in unplaced:
            cycle: list[str] = []
            current: str | None = identifier
            seen: set[str] = set()
            while current is not None and current not in seen:
                seen.add(current)
                cycle.append(current)
                current = items[current].parent_identifier
            if current is None or current in reported:
                continue
            loop = cycle[cycle.index(current) :]
            reported.update(loop)
            names = " → ".join(items[i].code or i for i in [*loop, loop[0]])
            reader.problem(
                f"{pointer}/{link_index[current]}",
                _("isChildOf associations form a cycle: %(names)s") % {"names": names},
            )
        return
    package.items = ordered
