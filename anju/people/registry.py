"""The identity registry: `anju import population FILE` and the identity check against it."""
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from anju.core import crypto
from anju.core.bulk import analyze_after_commit, bulk_upsert
from anju.core.tabular import read_rows
from anju.lib import codes
from anju.lib.identity import InvalidIdNumber, parse_id_number
from anju.people.models import RegistryRecord

COLUMNS = ("id_number", "name", "sex", "birth_date", "ethnicity", "hukou_address")


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[str, int, str]] = field(default_factory=list)


def _date(text: str):
    return date.fromisoformat(text) if text else None


def population_import(*, path, batch_size: int = 5000, progress=None) -> ImportReport:
    report = ImportReport()
    table = read_rows(path, required=("id_number", "name"))
    batch: dict[str, RegistryRecord] = {}

    def flush():
        with transaction.atomic():
            created, updated, unchanged = bulk_upsert(
                RegistryRecord, key="id_hash", records=batch,
                fields=["name", "sex", "birth_date", "ethnicity", "hukou_address", "extra"])
        report.created, report.updated, report.unchanged = (report.created + created, report.updated + updated,
                                                             report.unchanged + unchanged)
        if progress:
            progress(len(batch))
        batch.clear()

    for line, row in table.rows:
        try:
            parsed = parse_id_number(row["id_number"])
            birth = _date(row.get("birth_date", ""))
        except InvalidIdNumber as exc:
            report.errors.append((table.name, line, str(exc)))
            continue
        except ValueError:
            report.errors.append((table.name, line, _("birth_date %(v)s is not a YYYY-MM-DD date") % {"v": row["birth_date"]}))
            continue
        if not row.get("name"):
            report.errors.append((table.name, line, _("name is empty")))
            continue
        key = crypto.blind_index(parsed.number)
        if key in batch:
            report.errors.append((table.name, line, _("the same ID number appears twice in the file")))
            continue
        batch[key] = RegistryRecord(
            id_hash=key, id_cipher=crypto.encrypt(parsed.number), name=row["name"][:60],
            sex=codes.SEX.code_for(row.get("sex", "")) or parsed.sex, birth_date=birth or parsed.birth_date,
            ethnicity=codes.ETHNICITY.code_for(row.get("ethnicity", "")) or "", hukou_address=row.get("hukou_address", "")[:255],
            extra={k: v for k, v in row.items() if k not in COLUMNS and v},
        )
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()
    analyze_after_commit(RegistryRecord)
    return report


@dataclass(frozen=True)
class RegistryVerdict:
    status: str  # "match" | "mismatch" | "unknown" | "no_registry"
    differences: tuple[str, ...] = ()


def registry_check(*, parsed_id, name: str, sex: str = "", birth_date=None) -> RegistryVerdict:
    """Compares a declared identity with the registry, when one is loaded."""
    record = RegistryRecord.objects.filter(id_hash=crypto.blind_index(parsed_id.number)).first()
    if record is None:
        # Asked only when the number is missing, which is rare once a registry is loaded.
        return RegistryVerdict("unknown" if RegistryRecord.objects.exists() else "no_registry")
    differences = []
    if record.name != name.strip():
        differences.append("name")
    if sex and record.sex and record.sex != sex:
        differences.append("sex")
    if birth_date and record.birth_date and record.birth_date != birth_date:
        differences.append("birth_date")
    return RegistryVerdict("mismatch" if differences else "match", tuple(differences))
