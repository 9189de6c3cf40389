"""Excel exports of people. Masked ID numbers only, for every reader: a download leaves the audit trail's reach, and no
reading (accounts/choices.PERSON_FIELDS) holds the full number. Otherwise the fields the reader's duty reads
(people/selectors.person_fields: accounts/choices ROLE_READS, DEPARTMENT_READS) are written as the reader's pages show
them: a reading that holds the phone (the health service calling children in for vaccination, civil affairs calling
the elderly) needs the number whole, and one without it gets no phone column."""
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from anju.accounts.choices import PERSON_FIELDS

# (field, heading, width, value)
COLUMNS = [
    ("name", "姓名 Name", 10, lambda p: p.name),
    ("sex", "性别 Sex", 6, lambda p: p.get_sex_display()),
    ("birth_date", "出生日期 Birth date", 12, lambda p: p.birth_date),
    ("id_masked", "公民身份号码 ID number (masked)", 22, lambda p: p.id_masked),
    ("address", "居住地址 Address", 40, lambda p: p.address),
    ("jurisdiction", "辖区 Jurisdiction", 16, lambda p: p.jurisdiction.name),
    ("phone", "手机 Phone", 14, lambda p: p.phone or ""),
    # derived (people/selectors.person_details): only for the duties that read them
    ("employment", "工作单位 Employer", 40,
     lambda p: "；".join(f"{job['organisation']} {job['credit_code']}".strip() for job in p.employment)),
    ("lives_alone", "独居 Lives alone", 10, lambda p: {True: "是 yes", False: "否 no"}.get(p.lives_alone, "")),
]


def people_workbook(people, fields=PERSON_FIELDS) -> Workbook:
    columns = [column for column in COLUMNS if column[0] in fields]
    book = Workbook(write_only=False)
    sheet = book.active
    sheet.title = "实有人口"
    sheet.append([heading for _field, heading, _width, _value in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for p in people:
        sheet.append([value(p) for _field, _heading, _width, value in columns])
    for index, (_field, _heading, width, _value) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    return book
