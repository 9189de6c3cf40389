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
    "address": "地址", "kind": "类型", "house": "房屋", "houses": "房屋", "Search": "搜索",
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
    "All my jurisdiction": "本辖区全部",
    "shown this once: masked again when you reload or leave the page": "仅显示这一次：刷新或离开本页后重新隐藏",
    "Export to Excel": "导出 Excel", "%(n)s person": "共 %(n)s 人", "Nobody found": "没有找到人员",
    "This account is not bound to any jurisdiction and cannot see any records; ask an administrator to bind it.": "该账号未绑定辖区，无法查看任何记录，请联系管理员绑定。",
    "the system": "系统",
    "viewed the record": "查看了信息", "saw the record in a list": "在列表中查看", "exported the record": "导出了信息",
    "viewed the full ID number": "查看了完整身份号码", "created the record": "建立了信息", "created the account": "创建了账号",
    "signed in": "登录", "failed to sign in": "登录失败", "registered the house": "登记了房屋",
}

ZH.update({
    "address code": "地址编码", "full address": "完整地址", "standard address": "标准地址", "standard addresses": "标准地址",
    "address_code is empty": "地址编码（address_code）为空", "full_address is empty": "完整地址（full_address）为空",
    "address_code %(code)s appears twice in the file": "地址编码 %(code)s 在文件中重复出现",
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
    "%(node)s is outside your jurisdiction": "%(node)s 不在您的辖区内",
    "In another jurisdiction": "在其他辖区",
    "Say why you need the full number": "请填写查看完整号码的事由",
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
    "Rejected": "已驳回", "Withdrawn": "已撤回", "Landlord check-in": "房东登记入住", "Delegated agent": "委托代办",
    "Police": "民警", "channel": "申报渠道", "reason": "原因", "declaration": "申报", "declarations": "申报",
})

ZH.update({
    "Verification": "申报核录", "Registrations": "居住登记", "Organisations": "实有单位", "On-site checks": "实地核录",
    "Declare residence": "居住登记申报", "Delegations": "委托代办", "My workplaces": "我的单位", "My registrations": "我的居住登记",
    "Certificate": "登记凭证", "I have moved out": "我已搬离", "My declarations": "我的申报", "Registered": "已登记",
    "Closed by a move": "因迁居终止", "Deregistered": "已注销", "Open": "待办", "Done": "已完成",
    "Lives there: confirmed": "确认实际居住", "Not found at the address": "查无此人", "Identity does not match": "人证不一",
    "Other": "其他", "Factory": "工厂", "Shop": "商铺", "Market": "市场", "Market stall": "市场摊位",
    "Construction site": "建筑工地", "Restaurant": "餐饮", "Logistics": "物流", "Property management company": "物业公司",
    "Village committee": "村（居）委会", "Declare residence for me": "代我申报居住登记",
    "Declare and deregister for me": "代我申报和注销", "Education": "文化程度", "Marital status": "婚姻状况",
    "Occupation": "职业", "Declaring for": "为谁申报", "myself": "本人", "%(name)s (delegated)": "%(name)s（受托）",
    "Child's name": "子女姓名", "Child's ID number": "子女身份号码",
    "Position": "岗位", "Reason": "原因",
    "Who goes": "核录人员", "Due on": "完成期限", "Instructions": "核录要求", "Note": "备注", "Agent's mobile phone": "受托人手机号",
    "Scope": "委托范围", "Valid until": "有效期至", "Operator's mobile phone": "经营者手机号", "Operator's name": "经营者姓名",
    "Unified social credit code": "统一社会信用代码", "%(v)s is not a date (YYYY-MM-DD)": "%(v)s 不是日期（YYYY-MM-DD）",
    "registration_id and name are required": "registration_id 和姓名不能为空",
    "registration_id %(n)s appears twice in the file": "登记编号 %(n)s 在文件中重复出现", "id_number is empty": "身份号码为空",
    "decision note": "审核备注", "employer": "工作单位", "occupation": "职业", "has social insurance": "参加社会保险",
    "registration number": "登记编号", "registered from": "登记日期", "valid until": "有效期至", "ended on": "终止日期",
    "reason for ending": "终止原因", "registration": "居住登记", "registrations": "居住登记", "due on": "完成期限",
    "instructions": "核录要求", "result": "结果", "note": "备注", "scope": "委托范围",
    "unified social credit code": "统一社会信用代码", "organisation": "单位", "organisations": "单位", "position": "岗位",
    "started on": "入职日期",
    "Your residence declaration for %(address)s has been received and waits for verification by the community police.": "您在%(address)s的居住登记申报已受理，等待社区民警核录。",
    "The move-in date is more than five years ago; declare at the police station": "入住日期早于五年前，请到派出所办理",
    "%(name)s is %(age)d: only children under 16 are declared with a parent": "%(name)s 已满 %(age)d 周岁：只有未满 16 周岁的子女随父母申报",
    "A child cannot have the parent's ID number": "子女的身份号码不能与父母相同", "moved to %(address)s": "迁往%(address)s",
    "This declaration is outside your jurisdiction": "该申报不在您的辖区内",
    "This declaration has already been decided (%(status)s)": "该申报已处理（%(status)s）",
    "This declaration is flagged (%(flags)s): approve it only with a note saying why": "该申报有异常标记（%(flags)s）：须填写备注说明理由方可通过",
    "Your residence registration at %(address)s is approved; number %(number)s.": "您在%(address)s的居住登记已通过，登记编号 %(number)s。",
    "moved out": "已搬离", "Say why the declaration is rejected": "请填写退回原因",
    "Your residence declaration was returned: %(reason)s": "您的居住登记申报被退回：%(reason)s",
    "%(name)s does not work in this area": "%(name)s 不负责该区域", "The due date is in the past": "完成期限早于今天",
    "The community police will visit %(address)s to verify your declaration.": "社区民警将到%(address)s实地核录您的申报。",
    "This task is already done": "该任务已完成", "This task is not yours": "这不是您的任务",
    "Say why the registration ends": "请填写注销原因", "This registration is no longer active": "该居住登记已不在有效状态",
    "Your residence registration at %(address)s has ended: %(reason)s": "您在%(address)s的居住登记已注销：%(reason)s",
    "Unknown scope %(scope)s": "未知委托范围 %(scope)s", "A delegation lasts from tomorrow up to one year": "委托有效期须为明天起至多一年",
    "You cannot delegate to yourself": "不能委托给自己",
    "%(name)s has asked you to handle their residence registration until %(date)s.": "%(name)s 委托您代办居住登记，有效期至 %(date)s。",
    "This delegation is not yours": "这不是您授出的委托", "This delegation was not given to you": "该委托不是授予您的",
    "This delegation has been revoked": "该委托已撤销", "This delegation expired on %(date)s": "该委托已于 %(date)s 到期",
    "This delegation does not cover deregistration": "该委托不包括注销",
    "Only police, or the market, property company or village committee responsible, can register an organisation": "只有民警或负责的市场、物业公司、村（居）委会可以登记单位",
    "You cannot register workers for %(name)s": "您不能为 %(name)s 登记员工",
    "More about you (optional)": "更多信息（选填）", "Children under 16 living with you": "随住的未满16周岁子女",
    "Where does the worker live?": "员工住在哪里？",
    "Flagged: never approved in bulk. Compare with the registry and decide.": "有异常标记：不参与批量通过。请与人口库比对后决定。",
    "Declared": "申报信息", "Identity registry": "人口库", "not in the registry": "人口库无此号码", "no registry loaded": "未载入人口库",
    "same": "一致", "Channel": "申报渠道", "for": "代", "Child": "子女", "On-site check": "实地核录", "open": "待办",
    "Why approve despite the flag": "有异常仍通过的理由", "Approve": "通过", "Reject, saying why": "退回（请说明原因）",
    "Reject": "退回", "Send an on-site verification task": "派发实地核录任务", "Create task": "派发任务",
    "Submit declaration": "提交申报", "Let someone declare for me": "委托他人代办", "Grant": "授权", "Granted by me": "我授出的委托",
    "revoked": "已撤销", "Given to me": "别人委托我的", "Declare for them": "代为申报", "My declaration": "我的申报",
    "Status": "状态", "Filed on": "申报时间", "Download registration certificate (PDF)": "下载居住登记凭证（PDF）",
    "Workplace QR code (业态码): workers scan it to register": "业态码：员工扫码登记", "Workers": "员工",
    "Register a worker": "登记员工", "Operators": "经营者", "Register an organisation": "登记单位",
    "No workplace is registered to this phone yet: ask the community police.": "此手机号尚未关联单位，请联系社区民警。",
    "Verification queue": "申报核录", "All": "全部", "Clean": "无异常", "Flagged": "有异常", "Check": "比对",
    "identity mismatch": "人证不一", "Nothing waiting": "暂无待核录申报", "Approve the selected clean declarations": "批量通过所选无异常申报",
    "Registered from": "登记日期", "Ended on": "终止日期", "Certificate (PDF)": "登记凭证（PDF）", "Earlier addresses": "历史居住地址",
    "Deregister, saying why": "注销（请说明原因）", "Deregister": "注销", "Number": "编号", "Record result": "提交结果",
    "Nothing to do": "暂无任务", "Check a certificate": "凭证验真", "Not genuine": "验证未通过",
    "Genuine: signed by this platform": "验证通过：本平台签发",
    "Counted up to": "统计截至", "Months with door entries": "有出入记录的月份", "Document": "凭证", "Issued by": "登记机关",
    "This check uses only the signature inside the QR code. Whether the registration is still in force today is for the issuing police station to confirm.": "本验证仅依据二维码内的签名。该登记今天是否仍然有效，请以登记机关确认为准。",
    "Public key for offline checks": "离线验证公钥", "Workers: sign in to register where you live.": "员工请登录后登记居住地址。",
    "Your declaration has been received; the community police will verify it": "申报已受理，社区民警将进行核录",
    "the resident moved away": "本人申报已搬离", "Your registration has ended": "您的居住登记已注销",
    "Delegation granted": "委托已授权", "Delegation revoked": "委托已撤销",
    "%(name)s is registered; the community police will verify it": "%(name)s 已登记，社区民警将进行核录",
    "%(n)d declaration approved": "已通过 %(n)d 条申报", "Left for one-by-one review: %(names)s": "需逐条审核：%(names)s",
    "Approved: the registration is in force": "已通过：居住登记生效", "On-site verification task created": "已派发实地核录任务",
    "Result recorded": "结果已记录", "%(name)s registered": "%(name)s 已登记",
})

ZH.update({
    "Alerts": "比中预警", "Watchlist": "在逃人员库", "Key persons": "重点人员", "Acknowledged": "已签收", "Assigned": "已指派",
    "Person apprehended": "已抓获", "Not the wanted person": "非本人", "Not found at the place": "现场未找到",
    "Attention": "关注", "Review": "核查", "Control": "管控", "Proposed, waiting for an officer": "建议，待民警决定",
    "Confirmed by an officer": "民警已确认", "Rejected by an officer": "民警已否决", "Watch ID": "在逃编号",
    "Issuing unit": "发布单位", "Outcome": "处置结果", "Feature": "特征", "Operator": "运算符", "Threshold": "阈值",
    "Points": "分值", "Window (days)": "时间窗（天）", "Decision": "决定", "Confirm the proposed level": "确认建议等级",
    "Rules may not use %(f)s: ethnicity, religion, political status, origin and other protected attributes are never scored": "规则不得使用 %(f)s：民族、宗教、政治面貌、籍贯等受保护属性一律不得用于评分",
    "Unknown feature %(f)s; known: %(known)s": "未知特征 %(f)s；可用特征：%(known)s",
    "Only administrators define scoring rules": "只有管理员可以定义评分规则", "Unknown operator %(o)s": "未知运算符 %(o)s",
    "Only police decide on key persons": "只有民警可以决定重点人员等级", "This person is outside your jurisdiction": "此人不在您的辖区",
    "Give the reason for the decision": "请填写决定理由", "watch ID": "在逃编号", "issuing unit": "发布单位", "photo": "照片",
    "watchlist entry": "在逃人员", "watchlist entries": "在逃人员", "source": "来源", "feature": "特征", "operator": "运算符",
    "threshold": "阈值", "points": "分值", "window (days)": "时间窗（天）",
    "An entry needs an ID number, or a name with a birth date": "需要身份号码，或姓名加出生日期",
    "Your role may not edit the watchlist": "您的角色不能修改在逃人员库", "watch_id is empty": "在逃编号（watch_id）为空",
    "watch_id %(w)s appears twice in the file": "在逃编号 %(w)s 在文件中重复出现",
    "This alert is outside your jurisdiction": "该预警不在您的辖区", "Choose an outcome": "请选择处置结果",
    "Alert": "预警", "Seen": "本次所见", "Matched on": "比中依据", "Confidence": "置信度", "Place": "地点", "Event": "事件",
    "Acknowledge": "签收", "Assign": "指派", "Close": "办结", "Watchlist alerts": "比中预警", "Rule": "规则", "Value": "取值",
    "Score": "得分", "Proposed level": "建议等级", "Decide": "决定",
    "Scores are proposals. Nothing happens to a person until an officer decides, with a reason.": "评分只是建议。在民警说明理由作出决定之前，不对任何人采取措施。",
    "Review due": "复核日期", "Scoring rules": "评分规则", "days": "天", "Add a rule": "新增规则", "Features": "可用特征",
    "Save": "保存", "name or watch ID": "姓名或在逃编号", "Add or update an entry": "新增或更新", "Saved": "已保存",
})

ZH.update({
    "Cockpit": "驾驶舱", "Figures as of": "统计时间",
    "One-page PDF report": "一页式 PDF 报告", "Registered floating population": "登记流动人口", "New this month": "本月新增登记",
    "same month last year": "去年同期", "today": "今日", "Deregistered this month": "本月注销", "Rental houses": "出租房屋",
    "rooms entered": "间房间已录入", "living in them (registered or checked in)": "人在住（已登记或已办入住）", "non-compliant landlords": "名房东未履责", "oldest": "最久",
    "Registration rate": "登记率", "accuracy": "准确率", "Out of province": "省外来源",
    "under 16": "16岁以下", "60 and over": "60岁及以上", "living in rentals": "租住比例",
})

ZH.update({
    "Photograph the front of your ID card to fill the form": "拍摄身份证人像面，自动填写表单",
    "Read the ID card": "识别身份证", "Choose a photo of the front of the ID card first": "请先选择身份证人像面照片",
    "The photo is larger than 10 MB; take it again at a lower resolution": "照片超过 10 MB，请降低分辨率重新拍摄",
    "Read from the photo: check every field against the card before you submit": "已从照片识别：提交前请逐项与证件核对",
})

ZH.update({
    "address_code is longer than 64 characters": "地址编码超过 64 个字符",
    "registration_id is longer than 64 characters": "登记编号超过 64 个字符",
    "watch_id is longer than 64 characters": "在逃编号超过 64 个字符",
})


def _more(folder: Path) -> None:
    """Each app may keep its own table in ``anju/locale/zh/<app>.py`` (a dict named ZH): several people can add
    strings at once without editing this file."""
    import importlib.util

    for file in sorted(folder.glob("*.py")):
        spec = importlib.util.spec_from_file_location(f"anju_zh_{file.stem}", file)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        ZH.update(module.ZH)


_more(Path(__file__).parent / "zh")


def main(path: Path) -> int:
    po = polib.pofile(str(path))
    missing, obsolete = [], 0
    for entry in po:
        if entry.obsolete:  # "#~": a string the code no longer has, kept by makemessages for reuse; nothing to translate
            obsolete += 1
            continue
        # a word that means different things in different places ("Open": a door, an alarm, a task) carries a
        # context (pgettext); its key here is "context\x04msgid", as gettext itself writes it
        zh = ZH.get(f"{entry.msgctxt}\x04{entry.msgid}") if entry.msgctxt else None
        zh = zh if zh is not None else ZH.get(entry.msgid)
        if zh is None:
            missing.append(entry.msgid)
            continue
        if entry.msgid_plural:
            entry.msgstr_plural = {0: zh}
        else:
            entry.msgstr = zh
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
            entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None  # msgmerge's "#|" guess
    po.save()
    po.save_as_mofile(str(path.with_suffix(".mo")))
    for msgid in missing:
        print(f"untranslated: {msgid!r}", file=sys.stderr)
    if obsolete:
        print(f"{obsolete} obsolete entries (#~) left as they are, not counted", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(Path(__file__).parent / "zh_Hans" / "LC_MESSAGES" / "django.po"))
