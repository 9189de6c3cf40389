"""Houses in and out of Excel, and plate sheet items."""
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from anju.accounts.choices import HOUSE_ROLES
from anju.accounts.permissions import require_right
from anju.addresses.selectors import address_get
from anju.core.tabular import TabularError, read_rows
from anju.houses import services
from anju.houses.choices import HouseKind

EXPORT_COLUMNS = ["address_code", "address", "kind", "capacity", "floor_area", "rooms", "occupants", "landlords",
                  "plate", "community"]
HEADINGS = {"address_code": "标准地址编码", "address": "地址", "kind": "房屋类型", "capacity": "核定人数",
            "floor_area": "面积(m²)", "rooms": "房间", "occupants": "在住人数", "landlords": "房东", "plate": "门牌状态",
            "community": "所属辖区"}


def plate_item(house, plate) -> dict:
    names = house.jurisdiction.path.strip("/").split("/")
    return {"house": house.pk, "token": plate.token, "address": house.address, "community": house.jurisdiction.name,
            "station": "", "codes": names}


def plate_items(houses) -> list[dict]:
    from anju.houses.models import Plate

    plates = {p.house_id: p for p in Plate.objects.filter(house__in=houses, revoked_at__isnull=True)}
    return [plate_item(h, plates[h.pk]) for h in houses if h.pk in plates]


def houses_workbook(houses) -> Workbook:
    from anju.houses.models import HouseLandlord, Room

    ids = [h.pk for h in houses]
    rooms: dict[int, list[str]] = {}
    for house_id, number in Room.objects.filter(house_id__in=ids, status="active").values_list("house_id", "number"):
        rooms.setdefault(house_id, []).append(number)
    landlords: dict[int, list[str]] = {}
    for link in HouseLandlord.objects.filter(house_id__in=ids).select_related("landlord"):
        landlords.setdefault(link.house_id, []).append(link.landlord.display_name())
    book = Workbook()
    sheet = book.active
    sheet.title = "实有房屋"
    # Two header rows would break re-import: one row, "中文 (code)", and the importer reads the code part.
    sheet.append([f"{HEADINGS[c]} ({c})" for c in EXPORT_COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for h in houses:
        sheet.append([
            h.standard_address.code if h.standard_address_id else "", h.address, h.get_kind_display(), h.capacity,
            float(h.floor_area) if h.floor_area is not None else None, "、".join(rooms.get(h.pk, [])),
            getattr(h, "occupant_count", None), "、".join(landlords.get(h.pk, [])),
            "有效" if getattr(h, "has_plate", False) else "无", h.jurisdiction.name,
        ])
    for column, width in zip("ABCDEFGHIJ", (18, 44, 12, 10, 10, 24, 10, 16, 10, 16)):
        sheet.column_dimensions[column].width = width
    return book


@dataclass
class ImportReport:
    created: int = 0
    rows: list[tuple[int, str, str]] = field(default_factory=list)  # (line, "ok" | "error", message)

    @property
    def errors(self):
        return [r for r in self.rows if r[1] == "error"]


def _kind(text: str) -> str:
    text = (text or "").strip()
    if not text:
        return HouseKind.WHOLE_RENTAL
    for value, label in HouseKind.choices:
        if text in (value, str(label)):
            return value
    zh = {"自住": "owner", "整租": "rental", "群租": "group", "短租": "short_term", "网约房": "short_term",
          "短租/网约房": "short_term", "员工宿舍": "dormitory", "宿舍": "dormitory"}
    if text in zh:
        return zh[text]
    raise ValueError(_("Unknown house kind %(kind)s") % {"kind": text})


def _number(text: str, kind=int):
    return kind(float(text)) if text not in ("", None) else None


def houses_import(*, actor, upload) -> ImportReport:
    """Rows: address_code, kind, capacity, floor_area, landlord_phone, landlord_name, rooms ("101、102").

    Each row is all or nothing: a bad row is reported with its reason and leaves no trace.
    """
    require_right(actor, HOUSE_ROLES)
    report = ImportReport()
    suffix = Path(upload.name).suffix.lower() or ".xlsx"
    with tempfile.NamedTemporaryFile(suffix=suffix) as tmp:
        for chunk in upload.chunks():
            tmp.write(chunk)
        tmp.flush()
        try:
            table = read_rows(tmp.name, required=())
        except TabularError as exc:
            report.rows.append((0, "error", str(exc)))
            return report
        columns = {c: c.rsplit("(", 1)[-1].rstrip(")").strip() if "(" in c else c for c in table.columns}
        if "address_code" not in columns.values():
            report.rows.append((1, "error", _("The sheet needs an address_code column")))
            return report
        for line, raw in table.rows:
            row = {columns[k]: v for k, v in raw.items()}
            try:
                with transaction.atomic():
                    address = address_get(user=actor, code=row.get("address_code", ""))
                    landlord = None
                    if row.get("landlord_phone"):
                        landlord = services.landlord_for_phone(phone=row["landlord_phone"],
                                                               name=row.get("landlord_name", ""), actor=actor)
                    house = services.house_register(
                        actor=actor, standard_address=address, kind=_kind(row.get("kind", "")),
                        capacity=_number(row.get("capacity", "")), floor_area=_number(row.get("floor_area", ""), float),
                        landlord=landlord)
                    existing = set(house.rooms.filter(status="active").values_list("number", flat=True))
                    for number in [n.strip() for n in row.get("rooms", "").replace("，", "、").replace(",", "、").split("、")]:
                        if number and number not in existing:
                            services.room_add(actor=actor, house=house, number=number)
                            existing.add(number)
            except Http404:
                report.rows.append((line, "error", _("No such standard address in your jurisdiction: %(code)s")
                                    % {"code": row.get("address_code", "")}))
            except (ValueError, services.HouseError) as exc:
                report.rows.append((line, "error", str(exc)))
            else:
                report.created += 1
                report.rows.append((line, "ok", house.address))
    return report
