"""Test helpers: write interchange folders from text, fingerprint the database."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from guanxi.core.audit import current_data_version
from guanxi.core.models import AuditEvent, Snapshot
from guanxi.deals.models import Deal, DealCredit, DealRole
from guanxi.people.models import Interaction, Organisation, Participation, Person, Tie

ORGS = """id,name,kind,tier,industry,parent_id
us,Our Co,own,,,
c1,Customer One,customer,strategic,banking,
c2,"Customer, Two",customer,,,c1
x1,Rival,competitor,,,
p1,Partner,partner,,,
"""

PEOPLE = (
    (
        "id,organization_id,name,title,department,reports_to_id,power,key,is_sales,"
        "personality,status,email,phone,notes\n"
    )
    + """a,c1,Alice 王,CEO,,,,true,false,,active,,,
b,c1,Bob,CTO,,a,80,false,false,,active,,,"multi
line"
c,c1,Carol,,,b,,false,false,,active,,,
e,us,Eve,,,,,false,true,,active,,,
f,us,Frank,,,e,,false,false,,active,,,
z,x1,Zed,,,,,false,false,,active,,,
"""
)

TIES = """source_id,target_id,kind,strength,since,notes
e,a,relationship,strong,2024-01-02,
b,e,relationship,50,,hi
b,a,influence,weak,,
z,a,relationship,30,,
"""

INTERACTIONS = (
    'id,date,kind,participant_ids,notes\ni1,2024-05-01,meal,e;a;b,"dinner, with ""quotes"""\n'
)

DEALS = """id,organization_id,name,stage,status,amount,currency,close_date,competitor_ids
d1,c1,Big deal,proposal,open,1000,USD,2025-06-30,x1
"""

ROLES = """deal_id,person_id,role,attitude,contact_level,personality,notes
d1,a,approver,champion,deep,,
d1,b,evaluator,-1,,,
"""

BASE = {
    "organizations.csv": ORGS,
    "people.csv": PEOPLE,
    "ties.csv": TIES,
    "interactions.csv": INTERACTIONS,
    "deals.csv": DEALS,
    "deal_roles.csv": ROLES,
}


def write_folder(folder: Path, files: dict[str, str | bytes | None]) -> Path:
    """Write {name: text} into `folder` (None leaves the file out); returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        if content is None:
            continue
        data = content.encode("utf-8") if isinstance(content, str) else content
        (folder / name).write_bytes(data)
    return folder


def workspace(folder: Path, **changes: str | bytes | None) -> Path:
    """The BASE workspace with some files replaced (keyword: file stem, e.g. ties=...)."""
    files: dict[str, str | bytes | None] = dict(BASE)
    for stem, content in changes.items():
        files[f"{stem}.csv"] = content
    return write_folder(folder, files)


def fingerprint() -> tuple:
    """Everything an import could change, to assert that nothing was written."""
    return (
        sorted(Organisation.objects.values_list("ext_id", "name", "kind", "tier", "parent_id")),
        sorted(Person.objects.values_list("ext_id", "organisation_id", "name", "notes")),
        sorted(Tie.objects.values_list("source_id", "target_id", "kind", "strength")),
        Interaction.objects.count(),
        Participation.objects.count(),
        Deal.objects.count(),
        DealRole.objects.count(),
        sorted(DealCredit.objects.values_list("deal_id", "person_id", "share")),
        Snapshot.objects.count(),
        AuditEvent.objects.count(),
        current_data_version(),
    )


def real_networks_dir() -> Path:
    """The real organisational networks kept with the tests (tests/data, see its README)."""
    return Path(__file__).resolve().parents[3] / "tests" / "data"


def read_dir(folder: Path) -> dict[str, bytes]:
    """{file name: bytes} of a folder, for byte-for-byte comparisons."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def zipped(files: dict[str, str], name: str = "workspace.zip") -> SimpleUploadedFile:
    """An upload of a zip holding `files` (name: text), as the web import page receives it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for file, text in files.items():
            archive.writestr(file, text)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/zip")
