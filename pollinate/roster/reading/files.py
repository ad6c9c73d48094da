"""Opening a set (folder or .zip), streaming its CSV files row by row, and checking headers and the manifest."""

from __future__ import annotations

import csv
import difflib
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from django.utils.translation import gettext as _

from pollinate.roster.reading.spec import MANIFEST_KEYS, NOT_IMPORTED, ORDER


class Source:
    """A OneRoster set in a folder or a .zip (files at the root or in one folder inside)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._zip: zipfile.ZipFile | None = None
        self._members: dict[str, str] = {}
        if self.path.is_dir():
            self._members = {p.name: str(p) for p in self.path.iterdir() if p.is_file()}
        else:
            self._zip = zipfile.ZipFile(self.path)
            names = [n for n in self._zip.namelist() if not n.endswith("/") and "__MACOSX" not in n]
            prefix = ""
            if "manifest.csv" not in names:
                nested = [n for n in names if n.endswith("/manifest.csv")]
                if len(nested) == 1:
                    prefix = nested[0][: -len("manifest.csv")]
            self._members = {n[len(prefix) :]: n for n in names if n.startswith(prefix) and "/" not in n[len(prefix) :]}

    def names(self) -> list[str]:
        return sorted(self._members)

    def open_binary(self, name: str) -> IO[bytes]:
        if self._zip is not None:
            return self._zip.open(self._members[name])
        return open(self._members[name], "rb")

    def count_lines(self, name: str) -> int:
        count = 0
        with self.open_binary(name) as fh:
            while chunk := fh.read(1 << 20):
                count += chunk.count(b"\n")
        return count

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()


def is_zip(fh: IO[bytes]) -> bool:
    return zipfile.is_zipfile(fh)


class FileReading:
    """Streaming and whole-file checks, mixed into the Reader."""

    def _read_manifest(self) -> None:
        name = "manifest.csv"
        for line, row in self._rows(name, ("propertyName", "value"), ("propertyName", "value")):
            key = (row.get("propertyName") or "").strip()
            value = (row.get("value") or "").strip()
            if not value:
                if key.startswith("file."):
                    self.unreadable.add(key[5:])
                self.error(
                    name,
                    line,
                    "value",
                    _('"%(key)s" has no value; use bulk, delta or absent') % {"key": key}
                    if key.startswith("file.")
                    else _('"%(key)s" has no value') % {"key": key},
                )
                continue
            if key == "oneroster.version":
                self.roster.version = value
                if value not in ("1.0", "1.1", "1.2"):
                    self.error(
                        name,
                        line,
                        "value",
                        _('OneRoster version "%(v)s" is not supported; use 1.1 or 1.2') % {"v": value},
                    )
            elif key.startswith("file."):
                entity = key[5:]
                if value not in ("bulk", "delta", "absent"):
                    self.error(
                        name, line, "value", _('"%(v)s" is not a file mode; use bulk, delta or absent') % {"v": value}
                    )
                elif entity in ORDER:
                    if value != "absent":
                        self.roster.modes[entity] = value
                    else:
                        self.roster.absent.add(entity)
                elif entity in NOT_IMPORTED:
                    if value != "absent":
                        self.warn(
                            name,
                            line,
                            "value",
                            _("%(e)s.csv is not imported (gradebook and resources are not part of rostering); ignored")
                            % {"e": entity},
                        )
                else:
                    self.warn(name, line, "propertyName", _('unknown file "%(key)s"; ignored') % {"key": key})
            elif key not in MANIFEST_KEYS:
                self.warn(name, line, "propertyName", _('unknown property "%(key)s"; ignored') % {"key": key})

    # -- streaming --------------------------------------------------------------------------------------
    def _rows(self, name: str, known: tuple[str, ...], required: tuple[str, ...]) -> Iterator[tuple[int, dict]]:
        with self.source.open_binary(name) as raw:
            text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
            reader = csv.DictReader(text)
            line = 1
            try:
                header = reader.fieldnames
                if not header:
                    self.unreadable.add(name[:-4])
                    self.error(name, 1, "-", _("the file is empty; it needs at least the header row"))
                    return
                if not self._check_header(name, header, known, required):
                    self.unreadable.add(name[:-4])
                    return
                count = 0
                for row in reader:
                    line = reader.line_num
                    count += 1
                    if count % 5000 == 0:
                        self._progress(name, 5000)
                    yield line, row
                self._progress(name, count % 5000)
                self.roster.rows[name] = count
            except UnicodeDecodeError:
                self.unreadable.add(name[:-4])
                line = self._bad_line(name) - 1
                self.error(name, line + 1, "-", _('the file is not UTF-8 text; save it as "CSV UTF-8" and try again'))
            except csv.Error as exc:
                self.error(name, line + 1, "-", _("the file is not valid CSV (%(err)s)") % {"err": exc})

    def _bad_line(self, name: str) -> int:
        """The first line that is not UTF-8 (the text wrapper decodes in blocks, so it cannot say)."""
        with self.source.open_binary(name) as raw:
            for number, data in enumerate(raw, start=1):
                try:
                    data.decode("utf-8")
                except UnicodeDecodeError:
                    return number
        return 1

    def _check_header(self, name: str, header: list[str], known: tuple[str, ...], required: tuple[str, ...]) -> bool:
        ok = True
        seen: set[str] = set()
        for index, column in enumerate(header, start=1):
            if column in seen and column:
                self.error(name, 1, column, _("this column appears twice"))
                ok = False
            seen.add(column)
            if column in known or column.startswith("metadata."):
                continue
            if column == "":
                self.warn(name, 1, f"column {index}", _("a column without a name; ignored (remove empty columns)"))
                continue
            close = difflib.get_close_matches(column, known, n=1, cutoff=0.75)
            hint = close[0] if close else next((k for k in known if k.lower() == column.lower()), None)
            # Reported, but the rows are still read so every other problem is listed too.
            if hint:
                self.error(
                    name,
                    1,
                    column,
                    _('unknown column; did you mean "%(hint)s"? (names are case-sensitive)') % {"hint": hint},
                )
            else:
                self.error(name, 1, column, _("unknown column; extension columns must start with metadata."))
        for column in required:
            if column not in seen:
                self.error(name, 1, column, _("required column is missing"))
                ok = False
        return ok
