ZH = {}

# A number actively registered under another name (anju.registrations: the flag, the page, the approval).
ZH.update({
    "registered under another name": "已有他人姓名的有效登记",
    "The ID number %(id)s already has an active registration under another name, %(other)s (declared: %(name)s). "
    "Only if you have checked that they are the same person, moving, tick “Same person, moving here: end the other "
    "registration” and approve; otherwise return the declaration.":
        "身份号码 %(id)s 已有有效居住登记，登记姓名为“%(other)s”，与申报姓名“%(name)s”不同。只有核实确为同一人迁居的，"
        "才可勾选“确认是同一人迁居：终止其原有登记”后通过；否则请退回申报。",
    "This ID number has an active registration under another name: %(name)s": "该号码已有有效居住登记，姓名不同：%(name)s",
    "registered in another jurisdiction": "登记在其他辖区",
    "Approving ends that registration only if you confirm it is the same person, moving; if it is not, return the "
    "declaration.": "只有确认为同一人迁居，通过时才会终止其原有登记；不是同一人的，请退回申报。",
    "Same person, moving here: end the other registration": "确认是同一人迁居：终止其原有登记",
})

# A tenant checked out before their declaration was verified; the queue's kinds; what approval did.
ZH.update({
    "Withdrawn: %(name)s checked out on %(date)s, before verification": "已撤回：%(name)s 于 %(date)s 退租，申报尚未核录",
    "withdrew a declaration": "撤回了申报",
    "Approved: the registration has ended": "已通过：居住登记已注销",
})
ZH.update({"Approved: no registration here was in force, nothing to end": "已通过：此处没有有效的居住登记，无需注销"})

# A tenant checked in or out by police or an auxiliary for the landlord: the declaration's channel.
ZH.update({"Tenant entered by staff": "工作人员代录租客"})

# A declaration is returned (退回, its button and SMS); plain "Rejected" is a fusion finding's status, 已驳回 as its button.
ZH.update({"declaration\x04Rejected": "已退回"})

# `anju import registrations`: a file does not undo a deregistration made here; a registration it ends says why.
ZH.update({
    "cancelled in the imported file %(file)s": "导入文件 %(file)s 中已注销",
    "registration %(n)s was ended here on %(d)s (%(r)s); the file still lists it as active: not re-activated":
        "登记 %(n)s 已于 %(d)s 在本平台注销（%(r)s），文件中仍为有效：不予恢复",
    "listed as active in the imported file %(file)s": "导入文件 %(file)s 中为有效登记",
    "status must be active or cancelled (有效 or 注销), not %(s)s":
        "status 应为 active 或 cancelled（有效 或 注销），而不是 %(s)s",
})
