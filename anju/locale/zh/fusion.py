"""Chinese for the data-fusion app (anju/fusion): feeds, findings, the officer's task pages, import reports."""
ZH = {
    # feed kinds and what their address means (choices.py)
    "Smart door": "智能门禁",
    "Smart lock": "智能门锁",
    "Face capture": "人脸抓拍",
    "Employment and social insurance": "就业与社保",
    "Hotel": "旅馆住宿",
    "School": "学校",
    "Utility account": "水电气户头",
    "Rental filing": "房屋租赁备案",
    "Household visit": "网格员入户走访",
    "feed meaning\x04Home": "住所",
    "Workplace": "工作单位",
    "Stay": "住宿",
    "Account holder's property": "户主名下房产",
    # findings
    "Living here unregistered": "疑似未登记",
    "Registered elsewhere, living here": "人户分离",
    "Registration out of date": "登记信息过期",
    "Confirmed": "已确认",
    "No longer supported by the data": "数据已不再支持",
    "Finding": "比对发现",
    "finding": "比对发现",
    "findings": "比对发现",
    "Findings": "比对发现",
    "Data fusion findings": "数据比对发现",
    "score": "分值",
    "evidence": "依据",
    "Evidence": "依据",
    "Detail": "详情",
    "last seen": "最后出现",
    "assigned to": "指派给",
    "Assigned to": "指派给",
    "Assigned to me": "指派给我的",
    "All kinds": "全部类型",
    "Any status": "全部状态",
    "high enough for the person to confirm by SMS": "分值已达到可由本人短信确认",
    "Decision after the on-site check": "实地核查后的处理",
    "Confirm: end the registration": "确认：注销该登记",
    "Confirm: register at this address": "确认：登记在此地址",
    "Rejected: raised again only on new evidence": "已驳回：仅在出现新证据时再次提出",
    # forms and services
    "ID number as checked": "核查的身份证号",
    "Name as checked": "核查的姓名",
    "What was found on site": "实地核查情况",
    "Only police officers decide findings": "只有民警可以处理比对发现",
    "This finding is outside your jurisdiction": "该比对发现不在您的辖区内",
    "This finding has already been decided (%(status)s)": "该比对发现已处理（%(status)s）",
    "The data no longer support this finding: nothing is left to decide here. Their declaration %(id)s stands as the "
    "person's own and waits for the community police: decide it there.":
        "数据已不再支持该比对发现，此处无需再处理。其申报 %(id)s 作为本人申报继续等待社区民警核定，请在申报页面核定。",
    "Open the declaration": "打开申报",
    "The person's answer to this finding changed while it was being decided: open it again":
        "处理期间本人对该比对发现的答复有变，请重新打开后再处理",
    "The registration of this finding no longer exists": "该比对发现对应的登记已不存在",
    "Not living at the address (data fusion finding checked on site)": "未在该地址居住（数据比对发现经实地核查）",
    "The address of this finding is not in the standard address library": "该比对发现的地址不在标准地址库中",
    "Enter the person's ID number as checked on site": "请填写实地核查的身份证号",
    "Checked on site from data fusion finding %(id)s": "根据数据比对发现 %(id)s 实地核查",
    "Say what was found on site": "请填写实地核查情况",
    "Only administrators change data sources": "只有管理员可以修改数据源",
    "Meaning must be one of %(m)s and trust between 0 and 1": "地址含义须为 %(m)s 之一，可信度须在 0 与 1 之间",
    "Kind must be one of %(k)s": "数据源类型须为 %(k)s 之一",
    "How the scores fared on site": "各分数段的核查结果",
    "Findings decided by officers in your jurisdiction, by score: the share confirmed on site. The evidence for "
    "setting this city's thresholds.": "本辖区民警已核查的线索按分数分段：上门核实属实的比例，供设定本市阈值参考。",
    "Decided": "已核查",
    "Reject: not so on site": "驳回：经核实不属实",
    "Share confirmed": "属实比例",
    # models
    "what its address means": "地址含义",
    "trust (0–1)": "可信度（0–1）",
    "description": "说明",
    "data source": "数据源",
    "data sources": "数据源",
    "Source": "数据源",
    "observed identity": "采集身份",
    "observed identities": "采集身份",
    "record ID": "记录编号",
    "observed at": "采集时间",
    "observation": "比对数据",
    "observations": "比对数据",
    "phone": "电话",
    "Record": "记录",
    "Running": "运行中",
    "Failed": "失败",
    "as of": "截至",
    # import report (imports.py)
    "source is empty (give the column or --source)": "数据源为空（请提供 source 列或 --source 参数）",
    "record_id is empty": "record_id 为空",
    "record_id is longer than 64 characters": "record_id 超过 64 个字符",
    "observed_at %(v)s is not a time (ISO 8601)": "observed_at %(v)s 不是有效时间（ISO 8601）",
    "record_id %(id)s of %(source)s appears twice in the file": "record_id %(id)s（%(source)s）在文件中重复出现",
}
ZH.update({
    "End this registration? The person is told by SMS.": "确定注销这条居住登记？将短信通知本人。",
    "Register this person at this address? The person is asked to confirm by SMS.": "确定在此地址为此人登记？将短信请本人确认。",
    "Fill in what you checked on site where it differs; left empty, the finding's name and ID number are used.":
        "如现场核实的信息与比对结果不同，请填写；留空则使用比对结果中的姓名和身份证号。",
})
ZH.update({"meaning set by hand": "地址含义由人工设定"})

# Scoring rules by name (fusion.choices.RULE_LABELS).
ZH.update({
    "Seen at home here": "在此有居住记录", "Two home feeds agree": "两类居住数据一致", "Over a month or more": "持续一个月以上",
    "Seen lately": "近期出现", "Other traces go on": "其他轨迹仍在继续", "Not seen at home lately": "近期未在住处出现",
    "Silent lately: may have left": "近期无轨迹，可能已离开", "Identity known": "身份已核实",
    "Valid ID number": "身份证号有效", "Moved to another room of the building": "在同楼内换了房间",
    "The room is known": "房间明确", "Also seen at home elsewhere": "同时在别处有居住记录",
    "The registration elsewhere is found stale on these records": "其在别处的登记已据这些记录判为疑似失效",
    "A registration whose address could not be placed": "有一条地址无法定位的登记",
    "Back after the registration here ended": "在此登记注销后又回来居住", "Seen living elsewhere": "在别处居住",
    "Never seen at the registered address": "从未在登记地址出现", "Traces stopped": "轨迹已中断",
    "Moved out of the registered address": "已从登记地址搬出",
})

# A finding whose registration ended by another decision (services.findings_resolve_for_registration).
ZH.update({
    "Resolved by another decision": "已随其他处理办结",
    "This finding was resolved by another decision: %(how)s": "该比对发现已随其他处理办结：%(how)s",
    "the registration it was about no longer exists": "其对应的登记已不存在",
    "registration %(number)s ended on %(on)s (%(status)s: %(reason)s) when finding %(by)s was confirmed":
        "比对发现 %(by)s 确认时，登记 %(number)s 已于 %(on)s 结束（%(status)s：%(reason)s）",
    "registration %(number)s ended on %(on)s (%(status)s: %(reason)s)": "登记 %(number)s 已于 %(on)s 结束（%(status)s：%(reason)s）",
    "View finding %(id)s": "查看比对发现 %(id)s",
    "The registration of this finding is no longer active (%(status)s): nothing is left to decide, and a decision "
    "closes the finding as resolved.": "该比对发现对应的登记已不在有效状态（%(status)s）：无需再核查，提交任一处理都将按“已随其他处理办结”关闭。",
})

# What each scoring rule found, said again from its values on the finding's page (fusion/evidence.py).
ZH.update({
    "outside the area": "在本地区以外",
    "in another room of the same building": "在同一栋楼的另一个房间",
    "at another address": "在另一个地址",
    "%(kind)s (%(name)s)": "%(kind)s（%(name)s）",
    "%(records)s home records on %(days)s days (feed trust %(trust).2f)":
        "%(days)s 天共 %(records)s 条居住记录（数据源可信度 %(trust).2f）",
    "from %(start)s to %(end)s": "从 %(start)s 到 %(end)s",
    "last home record %(days)s days before %(as_of)s": "最后一条居住记录距 %(as_of)s 已 %(days)s 天",
    "last seen elsewhere %(on)s": "最后一次在别处出现：%(on)s",
    "last home record %(days)s days ago; other traces until %(until)s":
        "最后一条居住记录在 %(days)s 天前；其他轨迹持续到 %(until)s",
    "silent since %(since)s: left with probability %(left).2f": "自 %(since)s 起没有任何记录：已离开的概率为 %(left).2f",
    "linked to a person of the identity registry or a registration": "已关联到人口库中的人员或一条登记",
    "a valid ID number, not in the registry": "身份证号有效，但不在人口库中",
    "registered in %(registered)s of this building; the home records name %(room)s since %(since)s":
        "登记在本楼 %(registered)s；自 %(since)s 起居住记录写的是 %(room)s",
    "the records name the room": "记录写明了房间",
    "also seen at home in %(buildings)s other building(s) lately, since %(since)s":
        "自 %(since)s 以来，近期还在另外 %(buildings)s 栋楼有居住记录",
    "registration %(numbers)s found stale on these home records": "据这些居住记录，登记 %(numbers)s 疑似已过期",
    "an active registration whose address could not be placed": "有一条有效登记的地址无法定位",
    "registration %(number)s in this building ended on %(on)s; seen at home here since":
        "本楼的登记 %(number)s 已于 %(on)s 结束，此后又在此有居住记录",
    "home records %(where)s on %(days)s days, %(start)s to %(end)s": "%(where)s有 %(days)s 天的居住记录（%(start)s 至 %(end)s）",
    "no home record at the registered address": "在登记地址没有任何居住记录",
    "home records at the registered address until %(until)s, and elsewhere only after":
        "在登记地址的居住记录止于 %(until)s，此后才见于别处",
    "no record of any kind for %(silence)s days after records on %(days)s days":
        "此前有 %(days)s 天有记录，此后 %(silence)s 天没有任何记录",
    "registered here on %(on)s, after the last record (their earlier home's records left out)":
        "于 %(on)s 在此登记，晚于最后一条记录（其此前住处的记录不计）",
    "someone else was first seen at home there on %(on)s": "%(on)s 起有他人在该处居住",
    "nobody else registered at this address has been seen since either": "登记在该地址的其他人此后也都没有出现",
    "%(said)s; %(more)s": "%(said)s；%(more)s",
    "a form states the home": "有表单申明此处为家（租赁备案、入户走访或学籍登记的家庭住址）",
    "left with probability %(left).2f (share of leavers %(leavers).3f)": "已离开的概率为 %(left).2f（离开者占比 %(leavers).3f）",
    "%(said)s: %(odds)s": "%(said)s：%(odds)s",
})

# A finding's dates (templates/fusion/finding.html): a stale registration's person was last seen, its evidence until.
ZH.update({"Last seen (any record)": "最后出现", "Evidence until": "依据截至"})

# The person's side of a finding at pending_score (services.findings_ask_persons, finding_person_answer; the resident's
# page through templatetags/fusion_person.py; the officer's finding page).
ZH.update({
    "【Anju】You have residence information to confirm: sign in to Anju and open “My record”. If it is not you, ignore "
    "this message; the community police will check on site.":
        "【安居】您有一条居住信息待确认，请登录安居“我的”页面查看并确认；如不属实可不予理会，社区民警将上门核实。",
    "Residence to confirm": "待确认的居住信息",
    "Records from departments suggest that you live at this address. Confirm it with your full ID number: the "
    "community police then verify your declaration as usual. If it is not you, or you do not live there, say so; the "
    "community police will check on site.":
        "有关部门的记录显示您可能居住在以下地址。如属实，请填写您的完整身份证号码确认，社区民警将照常核实您的申报；"
        "如不是您本人或您未在此居住，请点击下方按钮告知，社区民警将上门核实。",
    "Since": "起始日期",
    "Your full ID number": "您的完整身份证号码",
    "Yes, I live here": "属实，我住在这里",
    "Not me, or I do not live here": "不是我或未在此居住",
    "Answer yes or no": "请选择属实或不属实",
    "This residence information was not sent to your phone": "该居住信息并非发送至您的手机",
    "You have already answered": "您已答复过",
    "This residence information has already been settled": "该居住信息已处理完毕",
    "This ID number is not the one of the person we are asking. Check it, or answer “Not me, or I do not live here”.":
        "身份证号码与我们询问的人不符。请核对后重新填写，或选择“不是我或未在此居住”。",
    "Thank you: your declaration waits for verification by the community police":
        "感谢您的确认：您的申报正等待社区民警核实",
    "Thank you: the community police will check on site": "感谢您的答复：社区民警将上门核实",
    "The person": "本人",
    "Asked by SMS on %(on)s": "已短信征询本人（%(on)s）",
    "answered on %(on)s: lives here": "本人答复：在此居住（%(on)s）",
    "answered on %(on)s: not them, or not living here": "本人答复：不是本人或未在此居住（%(on)s）",
    "their declaration %(id)s": "本人申报 %(id)s",
    "no answer yet": "尚未答复",
    "asked by SMS at": "短信征询时间",
    "the person's answer": "本人答复",
    "Yes, lives here": "属实，在此居住",
    "Not me, or not living here": "不是本人或未在此居住",
    "answered at": "答复时间",
})

# An officer confirms on site a finding whose person's own declaration still waits: approved, or returned saying why.
ZH.update({
    "Settled by the community police's on-site check of this address (finding %(id)s)":
        "已由社区民警现场核实该地址处理（比对发现 %(id)s）",
    "recorded a declaration as checked on site": "按现场核实情况记录了申报",
})
# fusion.panels: the home page's count of work waiting for the reader (core.waiting)
ZH.update({"Findings open": "待核查的比对发现"})

# An officer rejecting a finding on site returns the person's own declaration for it; the person withdrawing or
# correcting that declaration takes their "yes" back, or has the corrected one carry it.
ZH.update({
    "The community police's on-site check of this address did not confirm that you live there (finding %(id)s). If "
    "you do live there, contact the community police":
        "社区民警现场核实该地址，未能确认您在此居住（比对发现 %(id)s）。如确在此居住，请联系社区民警",
    "answered on %(on)s: lives here; withdrawn on %(withdrawn)s": "本人答复：在此居住（%(on)s）；已于 %(withdrawn)s 撤回",
    "no answer now": "目前无答复",
    "withdrew their answer about residence information with its declaration": "随申报撤回了对待确认居住信息的答复",
    "corrected the declaration answering residence information": "修改了答复待确认居住信息的申报",
})
