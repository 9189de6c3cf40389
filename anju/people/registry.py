"""The identity registry: `anju import population FILE` and the identity check against it."""
from dataclasses import dataclass, field
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from anju.core import crypto
from anju.core.bilingual import both
from anju.core.bulk import analyze_after_commit, bulk_upsert
from anju.core.tabular import read_rows
from anju.lib import codes
from anju.lib.fusion.normalise import parse_date
from anju.lib.identity import InvalidIdNumber, parse_id_number
from anju.lib.names import NameRelation, relate, tidy
from anju.people.models import RegistryRecord

COLUMNS = ("id_number", "name", "sex", "birth_date", "ethnicity", "hukou_address")


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[str, int, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def population_import(*, path, batch_size: int = 5000, progress=None) -> ImportReport:
    """Upserts by ID number. Values as departments write them: dates as parse_date reads them (1990-03-07, 1990/3/7,
    19900307, 1990年3月7日), sex and ethnicity by name or code; a sex the row does not state (empty, 未知 0, 未说明 9) is
    the ID number's, an ethnicity outside GB 3304 is kept as written in ``extra``. Rows whose ID number does not check
    out, or without a name, are reported and skipped."""
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
            birth = parse_date(row.get("birth_date", ""))
        except InvalidIdNumber as exc:
            report.errors.append((table.name, line, str(exc)))
            continue
        except ValueError:
            report.errors.append((table.name, line, both(_("birth_date %(v)s is not a YYYY-MM-DD date"),
                                                         v=row["birth_date"])))
            continue
        name = tidy(row.get("name", ""))
        if not name:
            report.errors.append((table.name, line, both(_("name is empty"))))
            continue
        key = crypto.blind_index(parsed.number)
        if key in batch:
            report.errors.append((table.name, line, both(_("the same ID number appears twice in the file"))))
            continue
        extra = {k: v for k, v in row.items() if k not in COLUMNS and v}
        ethnicity = codes.ETHNICITY.code_for(row.get("ethnicity", "")) or ""
        if row.get("ethnicity") and not ethnicity:
            extra["ethnicity"] = row["ethnicity"]  # not a GB 3304 name or code (穿青人): kept as written
        batch[key] = RegistryRecord(
            id_hash=key, id_cipher=crypto.encrypt(parsed.number), name=name[:60],
            sex=codes.stated_sex(row.get("sex", "")) or parsed.sex, birth_date=birth or parsed.birth_date,
            ethnicity=ethnicity, hukou_address=row.get("hukou_address", "")[:255], extra=extra,
        )
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()
    report.notes += table.notes  # after the rows: reading them may add some (an Excel file's long numbers)
    analyze_after_commit(RegistryRecord)
    return report


# How a declared name may differ from the registry's and still be the person's: the same name written otherwise.
# A homophone (汪明 for 王明) is another name, however alike it sounds: a mismatch, which the officer sees as such.
NAME_MATCHES = ("same", "traditional", "pinyin")


@dataclass(frozen=True)
class RegistryVerdict:
    status: str  # "match" | "mismatch" | "unknown" | "no_registry"
    differences: tuple[str, ...] = ()
    # How the declared name relates to the registry's (lib.names.relate), where the registry holds the number:
    # "same", or how it matched ("traditional", "pinyin") or differed ("homophone", "different"), in both languages
    name: NameRelation | None = None
    # The registry's name, sex and birth date, for the officer's comparison (never shown to the person who declared)
    registry: dict | None = None

    @property
    def name_noted(self) -> bool:
        """The officer should know how the names compare: matched as written otherwise, or differed."""
        return self.name is not None and self.name.kind != "same"


def registry_check(*, parsed_id, name: str, sex: str = "", birth_date=None) -> RegistryVerdict:
    """Compares a declared identity with the registry, when one is loaded. A name matches when it is the registry's
    written otherwise: padded or with another middle dot (王　明, 阿依古丽•买买提), in traditional characters (陳明),
    or the registry's pinyin spelling of it (Ayiguli Maimaiti); the verdict says which (``name``)."""
    record = RegistryRecord.objects.filter(id_hash=crypto.blind_index(parsed_id.number)).values(
        "name", "sex", "birth_date").first()
    if record is None:
        # Asked only when the number is missing, which is rare once a registry is loaded.
        return RegistryVerdict("unknown" if RegistryRecord.objects.exists() else "no_registry")
    differences = []
    relation = relate(name, record["name"])
    if relation.kind not in NAME_MATCHES:
        differences.append("name")
    if sex and record["sex"] and record["sex"] != sex:
        differences.append("sex")
    if birth_date and record["birth_date"] and record["birth_date"] != birth_date:
        differences.append("birth_date")
    registry = {"name": record["name"], "sex": record["sex"],
                "birth_date": record["birth_date"].isoformat() if record["birth_date"] else ""}
    return RegistryVerdict("mismatch" if differences else "match", tuple(differences), relation, registry)
