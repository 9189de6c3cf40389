"""Excel exports of people. Masked ID numbers only: a download leaves the audit trail's reach."""
from openpyxl import Workbook
from openpyxl.styles import Font

COLUMNS = ["姓名 Name", "性别 Sex", "出生日期 Birth date", "公民身份号码 ID number (masked)", "居住地址 Address",
           "辖区 Jurisdiction", "手机 Phone"]


def people_workbook(people) -> Workbook:
    book = Workbook(write_only=False)
    sheet = book.active
    sheet.title = "实有人口"
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for p in people:
        sheet.append([p.name, p.get_sex_display(), p.birth_date, p.id_masked, p.address, p.jurisdiction.name,
                      p.phone[:3] + "****" + p.phone[-4:] if p.phone else ""])
    for column, width in zip("ABCDEFG", (10, 6, 12, 22, 40, 16, 14)):
        sheet.column_dimensions[column].width = width
    return book
