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
