"""Fills the zh_Hans catalogue from the table below (run by `make messages` after makemessages).

Chinese is the product's first language; msgids are English by Django convention.
A msgid missing here is reported, so a new string cannot slip through untranslated.
"""
import sys
from pathlib import Path

import polib

ZH = {
    "Administrator": "系统管理员", "Commander": "指挥长", "Police officer": "社区民警", "Auxiliary staff": "辅警/专管员",
    "Grid worker": "网格员", "Department user": "部门用户", "Landlord": "房东", "Employer": "用工单位", "Resident": "居民",
    "User name": "用户名", "Password": "密码", "Mobile phone": "手机号码", "SMS code": "短信验证码", "I am": "我是",
    "a resident": "居民", "a landlord": "房东 / 中介", "an employer": "用工单位 / 经营场所",
    "role": "角色", "jurisdiction": "辖区", "mobile phone": "手机号码", "stated purpose": "用途说明",
    "Department users: the duty their data access serves.": "部门用户：调用数据所服务的职责。",
    "user": "用户", "users": "用户",
    "%(phone)s is not a valid mainland mobile number (11 digits starting with 1)": "%(phone)s 不是有效的手机号码（应为以 1 开头的 11 位数字）",
    "A staff account must be bound to a jurisdiction": "工作人员账号必须绑定辖区",
    "A %(role)s cannot be bound to a %(level)s": "%(role)s不能绑定到%(level)s一级",
    "Public users are not bound to a jurisdiction": "公众用户不绑定辖区",
    "Unknown role %(role)s": "未知角色 %(role)s",
    "A department user needs a stated purpose": "部门用户必须说明数据用途",
    "User name %(name)s is taken": "用户名 %(name)s 已被使用",
    "Wrong user name or password": "用户名或密码错误",
    "This account is locked after repeated failed sign-ins; try again after %(time)s": "该账号因多次登录失败已被锁定，请于 %(time)s 后再试",
    "Too many failed sign-ins: this account is locked for %(minutes)d minutes": "登录失败次数过多，账号已锁定 %(minutes)d 分钟",
    "Wrong user name or password (%(left)d attempts left before lock-out)": "用户名或密码错误（再错 %(left)d 次将锁定账号）",
    "This account is not bound to any jurisdiction and cannot sign in; ask an administrator to bind it": "该账号未绑定辖区，无法登录，请联系管理员绑定",
    "A code was just sent; you can ask for another in %(s)d seconds": "验证码刚刚已发送，请 %(s)d 秒后再获取",
    "No code has been sent to this number; ask for a code first": "该号码尚未获取验证码，请先获取验证码",
    "This code has expired; ask for a new one": "验证码已过期，请重新获取",
    "Too many wrong codes; ask for a new one": "验证码错误次数过多，请重新获取",
    "Wrong code": "验证码错误",
    "Staff accounts sign in with their password": "工作人员账号请使用密码登录",
    "This account has been disabled": "该账号已停用",
    "Sign in with your phone": "手机号登录", "Get code": "获取验证码", "Sign in": "登录", "Police and staff:": "民警及工作人员：",
    "staff sign-in": "工作人员登录", "Staff sign-in": "工作人员登录",
    "Residents, landlords and employers: sign in with your phone": "居民、房东、用工单位请用手机号登录",
    "A code has been sent to your phone": "验证码已发送到您的手机",
    "audit entry": "审计记录", "audit entries": "审计记录", "Audit log": "审计日志", "Who": "操作人", "Action": "操作",
    "Record type": "记录类型", "Record id": "记录编号", "Filter": "筛选", "When": "时间", "Records": "涉及记录", "Why": "用途",
    "Client": "客户端地址", "Previous": "上一页", "Page %(n)s of %(total)s": "第 %(n)s 页，共 %(total)s 页", "Next": "下一页",
    "Anju": "安居", "Anju population platform": "实有人口服务管理平台", "Overview": "概览", "Population": "实有人口",
    "Houses": "实有房屋", "Administration": "系统管理", "API": "接口文档", "Sign out": "退出",
    "People on record": "登记人口", "By area": "分辖区", "Area": "辖区", "Level": "层级", "People": "人数",
    "Houses by kind": "房屋类型", "Owner-occupied": "自住", "Whole rental": "整租", "Group rental": "群租",
    "Short-term / online-booked": "短租/网约房", "Employee dormitory": "员工宿舍",
    "address": "地址", "kind": "类型", "landlord": "房东", "house": "房屋", "houses": "房屋", "Search": "搜索",
    "Address": "地址", "Kind": "类型", "No houses found": "没有找到房屋",
    "Province": "省", "City": "市", "District / county": "区县", "Police station": "派出所", "Community": "社区", "Grid": "网格",
    "code": "代码", "name": "名称", "level": "层级", "boundary (GeoJSON geometry)": "边界（GeoJSON）", "jurisdictions": "辖区",
    "Unknown level %(level)s (expected one of %(levels)s)": "未知层级 %(level)s（应为 %(levels)s 之一）",
    "A province has no parent": "省级节点不能有上级",
    "A %(level)s must sit under a %(parent)s": "%(level)s必须隶属于%(parent)s",
    "Node %(code)s has children and cannot move to another parent": "节点 %(code)s 有下级，不能改挂到其他上级",
    "Missing columns: %(cols)s": "缺少列：%(cols)s", "code and name are required": "代码和名称不能为空",
    "Unknown parent code %(code)s": "上级代码 %(code)s 不存在",
    "sex": "性别", "ethnicity": "民族", "birth date": "出生日期", "ID number": "公民身份号码",
    "household registration address": "户籍地址", "education": "文化程度", "marital status": "婚姻状况",
    "residence address": "居住地址", "own account": "本人账号", "person": "人员", "people": "人员",
    "Name is required": "姓名不能为空", "A person with this ID number is already on record": "该身份号码的人员已登记",
    "Sex does not match the ID number": "性别与身份号码不符", "Birth date does not match the ID number": "出生日期与身份号码不符",
    "Unknown ethnicity %(value)s": "未知民族 %(value)s",
    "My record": "我的信息", "Name": "姓名", "Residence address": "居住地址", "Who has looked at my record": "谁查看过我的信息",
    "What": "操作", "Nobody yet": "暂无", "No residence record is linked to this account yet.": "此账号尚未关联居住登记信息。",
    "reason for viewing": "查看事由", "Show full number": "显示完整号码", "Sex": "性别", "Birth date": "出生日期",
    "Ethnicity": "民族", "Household registration address": "户籍地址",
    "This view has been recorded in the audit log.": "本次查看已记入审计日志。",
    "name, phone, ID number, address": "姓名、手机、身份号码、地址", "All my jurisdiction": "本辖区全部",
    "Export to Excel": "导出 Excel", "%(n)s person": "共 %(n)s 人", "Nobody found": "没有找到人员",
    "This account is not bound to any jurisdiction and cannot see any records; ask an administrator to bind it.": "该账号未绑定辖区，无法查看任何记录，请联系管理员绑定。",
    "Language": "语言", "Not found": "未找到", "the system": "系统",
    "viewed the record": "查看了信息", "saw the record in a list": "在列表中查看", "exported the record": "导出了信息",
    "viewed the full ID number": "查看了完整身份号码", "created the record": "建立了信息", "created the account": "创建了账号",
    "signed in": "登录", "failed to sign in": "登录失败", "registered the house": "登记了房屋",
}

ZH.update({
    "address code": "地址编码", "full address": "完整地址", "standard address": "标准地址", "standard addresses": "标准地址",
    "address_code is empty": "地址编码（address_code）为空", "full_address is empty": "完整地址（full_address）为空",
    "address_code %(code)s appears twice in the file": "地址编码 %(code)s 在文件中重复出现",
    "%(name)s is neither UTF-8 nor GBK text (byte %(pos)d); save it as UTF-8 CSV": "%(name)s 既不是 UTF-8 也不是 GBK 编码（第 %(pos)d 字节），请另存为 UTF-8 CSV",
    "%(name)s is not a readable Excel file: %(error)s": "%(name)s 不是可读取的 Excel 文件：%(error)s",
    "File %(name)s does not exist": "文件 %(name)s 不存在",
    "%(name)s was read as GBK/GB18030, not UTF-8": "%(name)s 按 GBK/GB18030 编码读取（非 UTF-8）",
    "%(name)s is empty: a header row is needed": "%(name)s 是空文件：需要表头行",
    "%(name)s lacks the columns %(missing)s (found: %(found)s)": "%(name)s 缺少列 %(missing)s（现有列：%(found)s）",
    "In use": "使用中", "Vacant": "空置", "Closed": "已关闭", "Merged into another room": "已并入其他房间",
    "Unknown house kind %(kind)s": "未知房屋类型 %(kind)s",
    "The sheet needs an address_code column": "表格需要 address_code（标准地址编码）列",
    "No such standard address in your jurisdiction: %(code)s": "本辖区内没有该标准地址：%(code)s",
    "Capacity (people)": "核定人数", "Floor area (m²)": "面积（平方米）", "Standard address code": "标准地址编码",
    "Landlord's mobile phone": "房东手机号", "Landlord's name": "房东姓名", "Room": "房间", "Rooms to merge": "要合并的房间",
    "Merged room number": "合并后的房间号", "Moved in on": "入住日期", "Excel file (.xlsx)": "Excel 文件（.xlsx）",
    "status": "状态", "capacity (people)": "核定人数", "floor area (m²)": "面积（平方米）", "landlords": "房东", "agent": "中介",
    "room": "房间", "bound landlord": "绑定房东", "moved in on": "入住日期", "moved out on": "退租日期",
    "The name does not match the identity registry for this ID number": "姓名与人口库中该身份号码的登记不符",
    "This ID number is not in the identity registry; please verify at the police station": "人口库中没有该身份号码，请到派出所核验",
    "%(phone)s belongs to a staff account": "%(phone)s 属于工作人员账号",
    "Please verify your identity before registering houses": "请先完成实名核验，再登记房屋",
    "This address is outside your jurisdiction": "该地址不在您的辖区内",
    "This house is already registered by another landlord; ask the community police if this is wrong": "该房屋已由其他房东登记；如有异议请联系社区民警",
    "Room number is required": "房间号不能为空", "Room %(number)s already exists in this house": "本房屋已有 %(number)s 房间",
    "Choose at least two rooms of this house to merge": "请至少选择本房屋的两个房间进行合并",
    "The move-in date cannot be in the future": "入住日期不能晚于今天", "That room is not in this house": "该房间不属于本房屋",
    "This house is managed hotel-style: choose the room the tenant occupies": "本房屋实行旅馆式管理：请选择租客入住的房间",
    "%(name)s is already checked in to this house": "%(name)s 已在本房屋登记入住",
    "%(name)s has already moved out": "%(name)s 已退租", "The move-out date is before the move-in date": "退租日期早于入住日期",
    "checked out by the landlord": "房东办理退租", "Rooms": "房间", "Bound landlord": "绑定房东",
    "sub-landlord phone": "二房东手机号", "Rebind / clear to unbind": "改绑（清空即解绑）", "Bind": "绑定",
    "No rooms yet.": "尚无房间。", "Add room": "添加房间", "Merge rooms": "合并房间", "Merge": "合并",
    "Living here now": "当前在住", "Hotel-style management: every occupant must be checked in.": "旅馆式管理：每位入住人员都必须登记。",
    "overdue": "逾期未登记", "Check out": "退租", "Nobody checked in.": "暂无入住人员。", "Check a tenant in": "租客入住登记",
    "Tenants must be declared within %(d)s days of moving in.": "租客须在入住后 %(d)s 日内申报居住登记。",
    "Check in": "登记入住", "History": "历史住户", "Moved out on": "退租日期", "hotel-style management": "旅馆式管理",
    "Landlords": "房东", "Door plate": "门牌", "valid": "有效", "Revoke": "作废", "none": "无", "Issue a new plate": "补发新门牌",
    "Register a house": "登记房屋", "Overdue declarations": "逾期未申报", "Print plates (PDF)": "打印门牌（PDF）",
    "Import from Excel": "从 Excel 导入", "Living here": "在住", "Overdue": "逾期",
    "Register a house on a landlord's behalf": "代房东登记房屋", "Find the standard address": "查找标准地址", "Choose": "选择",
    "Register": "登记", "Import houses": "导入房屋", "Import houses from Excel": "从 Excel 导入房屋",
    "Columns: address_code, kind, capacity, floor_area, landlord_phone, landlord_name, rooms (separated by 、). A file exported from this page can be edited and imported again. Each row is imported whole or not at all.": "列：address_code（标准地址编码）、kind（房屋类型）、capacity（核定人数）、floor_area（面积）、landlord_phone（房东手机）、landlord_name（房东姓名）、rooms（房间，以“、”分隔）。本页导出的文件可修改后再导入。每一行要么整行导入，要么整行不导入。",
    "Import": "导入", "%(n)s rows imported, %(e)s rows with errors": "已导入 %(n)s 行，%(e)s 行有错误", "Row": "行", "Result": "结果",
    "My houses": "我的房屋", "Verify your identity before registering houses.": "登记房屋前请先完成实名核验。", "Verify now": "立即核验",
    "Tenants past the declaration deadline": "超过申报期限的租客", "moved in": "入住", "%(r)s rooms, %(o)s living here": "%(r)s 个房间，%(o)s 人在住",
    "No houses yet.": "尚未登记房屋。", "Print door plate": "打印门牌", "Find your address": "查找您的房屋地址",
    "road, number, building, room": "路名、门牌号、幢、室",
    "No standard address matches. Try fewer words, or ask the community police to add it.": "没有匹配的标准地址。请减少关键词，或请社区民警添加。",
    "Verify your identity": "实名核验",
    "Landlords must register under their real identity. Your ID number is checked and stored encrypted.": "房东须实名登记。您的身份号码将被校验并加密保存。",
    "Verify": "核验", "Non-compliant landlords": "未履行申报责任的房东", "Overdue occupants": "逾期人数", "None": "无",
    "Occupants past the deadline": "超过申报期限的住户", "Declaration": "申报状态", "House": "房屋",
    "Residence registration": "居住登记", "This door plate belongs to": "本门牌所属房屋",
    "Living here? Declare your residence within the legal deadline after moving in.": "在此居住？请在入住后法定期限内申报居住登记。",
    "Online self-declaration from this plate opens with the residence registration service; until then your landlord checks you in.": "扫码自主申报将随居住登记服务开通；在此之前请由房东为您登记入住。",
    "Manage this house": "管理此房屋", "I am the landlord: claim this house": "我是房东：认领此房屋",
    "Landlords: sign in to manage this house": "房东请登录后管理此房屋", "This door plate cannot be used": "此门牌无法使用",
    "The plate was replaced. Scan the new plate on the door, or ask your landlord or the community police.": "此门牌已更换。请扫描门上的新门牌，或咨询房东、社区民警。",
    "Scan the QR code on the door again, or check the address you typed. If it still fails, tell the community police.": "请重新扫描门上的二维码，或检查输入的网址。仍无法使用请告知社区民警。",
    "Please verify your identity first": "请先完成实名核验", "The house is now yours to manage": "认领成功，您可以管理此房屋了",
    "Your identity is verified": "实名核验已通过", "Choose your address from the search results": "请从搜索结果中选择您的地址",
    "Room %(number)s added": "已添加房间 %(number)s", "Rooms merged": "房间已合并",
    "%(name)s is checked in; the residence declaration has been filed": "%(name)s 已登记入住，居住登记申报已提交",
    "%(name)s is checked out; deregistration has been proposed": "%(name)s 已退租，已提请注销居住登记",
    "No such standard address in your jurisdiction": "本辖区内没有该标准地址",
    "A new plate was issued; the old one no longer works": "已补发新门牌，旧门牌即刻失效", "The plate was revoked": "门牌已作废",
    "city %(city)s is given without its province": "给出了城市 %(city)s 但缺少省份",
    "district %(d)s is given without its city": "给出了区县 %(d)s 但缺少城市",
    "the row names no province, city and district, and no known police station": "该行既无省、市、区县，也无已知派出所",
    "birth_date %(v)s is not a YYYY-MM-DD date": "出生日期 %(v)s 不是 YYYY-MM-DD 格式",
    "name is empty": "姓名为空", "the same ID number appears twice in the file": "同一身份号码在文件中重复出现",
    "Registration": "居住登记", "Deregistration": "注销登记", "Waiting for verification": "待核录", "Approved": "已通过",
    "Rejected": "已退回", "Withdrawn": "已撤回", "Landlord check-in": "房东登记入住", "Delegated agent": "委托代办",
    "Police": "民警", "channel": "申报渠道", "reason": "原因", "declaration": "申报", "declarations": "申报",
})


def main(path: Path) -> int:
    po = polib.pofile(str(path))
    missing = []
    for entry in po:
        zh = ZH.get(entry.msgid)
        if zh is None:
            missing.append(entry.msgid)
            continue
        if entry.msgid_plural:
            entry.msgstr_plural = {0: zh}
        else:
            entry.msgstr = zh
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.save()
    po.save_as_mofile(str(path.with_suffix(".mo")))
    for msgid in missing:
        print(f"untranslated: {msgid!r}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(Path(__file__).parent / "zh_Hans" / "LC_MESSAGES" / "django.po"))
