"""A small, valid OneRoster 1.1 bulk set written into tmp_path; each test changes one thing."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings

from pollinate.people.models import District

SAMPLES = Path(settings.BASE_DIR).parent / "shared" / "samples" / "oneroster"

HEADERS = {
    "orgs": "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId",
    "academicSessions": "sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear",
    "courses": "sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,orgSourcedId,subjects,"
    "subjectCodes",
    "classes": "sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,"
    "schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods",
    "users": "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,"
    "middleName,identifier,email,sms,phone,agentSourcedIds,grades,password",
    "enrollments": "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,"
    "beginDate,endDate",
    "demographics": "sourcedId,status,dateLastModified,birthDate,sex,americanIndianOrAlaskaNative,asian,"
    "blackOrAfricanAmerican,nativeHawaiianOrOtherPacificIslander,white,demographicRaceTwoOrMoreRaces,"
    "hispanicOrLatinoEthnicity,countryOfBirthCode,stateOfBirthAbbreviation,cityOfBirth,publicSchoolResidenceStatus",
}

BASE_ROWS = {
    "orgs": [
        "d1,,,Maple District,district,,",
        "s1,,,Maple Elementary,school,0101,d1",
        "s2,,,Maple High,school,0102,d1",
    ],
    "academicSessions": [
        "y2025,,,2025-26,schoolYear,2025-08-15,2026-06-15,,2026",
        "t1,,,Fall,term,2025-08-15,2025-12-20,y2025,2026",
    ],
    "courses": [
        "c1,,,y2025,Science 4,SCI4,04,s1,Science,",
        "c2,,,,Algebra,ALG,09,s2,Math,",
    ],
    "classes": [
        "k1,,,Science 4 - Room 12,04,c1,SCI4-1,scheduled,Room 12,s1,t1,Science,,1",
        'k2,,,Algebra - P2,09,c2,ALG-2,scheduled,B-4,s2,"t1,y2025",Math,,2',
    ],
    "users": [
        "u1,,,true,s1,teacher,ateacher,,Ada,Teacher,,T001,ada@maple.example,,,,,secret",
        "u2,,,true,s1,student,bstudent,,Ben,Student,,S001,,,,u4,04,",
        "u3,,,true,s2,student,cstudent,,Cal,Student,,S002,,,,,09,",
        "u4,,,true,s1,parent,dparent,,Dee,Parent,,,dee@home.example,,,u2,,",
        "u5,,,true,s2,principal,eprincipal,,Eve,Principal,,,,,,,,",
        "u6,,,true,d1,districtAdministrator,fadmin,,Fay,Admin,,,,,,,,",
    ],
    "enrollments": [
        "e1,,,k1,s1,u1,teacher,true,,",
        "e2,,,k1,s1,u2,student,false,2025-08-15,",
        "e3,,,k2,s2,u3,student,,,",
        "e4,,,k2,s2,u1,teacher,,,",
    ],
}


def write_set(
    folder: Path,
    rows: dict[str, list[str]] | None = None,
    *,
    modes: dict[str, str] | None = None,
    manifest_extra: list[str] | None = None,
) -> Path:
    """Write the base set with ``rows`` replacing whole files (None removes a file from the set)."""
    folder.mkdir(parents=True, exist_ok=True)
    data = {**BASE_ROWS, **(rows or {})}
    modes = {**dict.fromkeys(data, "bulk"), **(modes or {})}
    manifest = ["propertyName,value", "manifest.version,1.0", "oneroster.version,1.1"]
    for name, content in data.items():
        if content is None:
            continue
        header = HEADERS.get(name, "")
        if content and content[0].startswith("!header "):
            header, content = content[0][len("!header ") :], content[1:]
        (folder / f"{name}.csv").write_text("\n".join([header, *content]) + "\n", encoding="utf-8")
        manifest.append(f"file.{name},{modes.get(name, 'bulk')}")
    manifest.extend(manifest_extra or [])
    (folder / "manifest.csv").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    return folder


def zip_folder(folder: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, path.name)
    return buffer.getvalue()


def read_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


@pytest.fixture
def district(db) -> District:
    return District.objects.create(name="Maple", slug="maple")


@pytest.fixture
def roster_dir(tmp_path: Path) -> Path:
    return write_set(tmp_path / "set")
