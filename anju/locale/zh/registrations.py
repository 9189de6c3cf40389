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
    "the house at %(address)s was registered": "%(address)s 的房屋已登记",
    "registration %(n)s was ended here on %(d)s (%(r)s); the file still lists it as active: not re-activated":
        "登记 %(n)s 已于 %(d)s 在本平台注销（%(r)s），文件中仍为有效：不予恢复",
    "listed as active in the imported file %(file)s": "导入文件 %(file)s 中为有效登记",
    # the population register follows the file: its audit entries say which file moved the people
    "the imported file %(file)s": "导入文件 %(file)s",
    "status must be active or cancelled (有效 or 注销), not %(s)s":
        "status 应为 active 或 cancelled（有效 或 注销），而不是 %(s)s",
})

# The declarant withdraws (撤回) or corrects (修改) a declaration still waiting for police; the officer finds it withdrawn.
ZH.update({
    "Only the person who filed this declaration, or the person it was filed for, can withdraw it":
        "只有提交该申报的人或被代办申报的本人才能撤回",
    "A child's declaration goes with the parent's: withdraw or correct the parent's":
        "未成年子女的申报随监护人的申报办理：请撤回或修改监护人的申报",
    "This declaration was filed when the tenant was checked in: the landlord withdraws it by checking the tenant out":
        "该申报是房东登记租客入住时提交的：由房东办理退租即可撤回",
    "The community police have already decided this declaration (%(status)s): it can no longer be withdrawn or "
    "corrected": "社区民警已核定该申报（%(status)s），不能再撤回或修改",
    "Withdrawn by the declarant": "申报人已撤回",
    "Withdrawn by the declarant: corrected": "申报人已撤回：已修改后重新申报",
    "corrected a declaration": "修改了申报",
    "This declaration was withdrawn on %(date)s (%(why)s): it can no longer be approved or rejected":
        "该申报已于 %(date)s 撤回（%(why)s），不能再核准或退回",
    "This check was cancelled: the declarant withdrew the declaration": "该核查已取消：申报人已撤回申报",
    "Cancelled: the declaration was withdrawn": "已取消：申报已撤回",
    "Declaration withdrawn: it no longer waits for the community police": "申报已撤回，社区民警不再核录",
    "This declaration can no longer be corrected: it is %(status)s": "该申报不能再修改：状态为“%(status)s”",
    "Corrected: the earlier declaration is withdrawn and this one waits for the community police":
        "已修改：原申报已撤回，修改后的申报等待社区民警核录",
    "%(n)d ticked declaration no longer waits for a decision (withdrawn or decided meanwhile)":
        "%(n)d 条勾选的申报已不再等待核定（期间已被撤回或已核定）",
    "Withdrawn on": "撤回时间",
    "Declare again": "重新申报",
    "Correct": "修改",
    "Withdraw": "撤回",
    "Withdraw this declaration? The community police will no longer verify it.": "确定撤回该申报？社区民警将不再核录。",
    "Correct the declaration": "修改申报",
    "Filled from your withdrawn declaration: change what was wrong and submit it again.":
        "已按您撤回的申报填好：改正有误之处后重新提交。",
    "Filled from your declaration: change what is wrong and submit. The earlier one is withdrawn when this one is "
    "filed; until then it waits as it is.": "已按您的申报填好：改正有误之处后提交。提交后原申报自动撤回；提交前原申报照常等待核录。",
    "Withdrawn on %(date)s: nothing to decide, it can no longer be approved.":
        "该申报已于 %(date)s 撤回，无需再核定，不能再核准。",
})

# registrations.panels: the home page's counts of work waiting for the reader (core.waiting)
ZH.update({"Declarations waiting for verification": "待核录的申报", "On-site checks open": "待办的实地核录",
           "Declarations": "居住登记申报"})  # and the person page's list of them (people.related)

# One number declared twice at once, at two houses or at one under two names (anju.registrations: the flag, the page,
# the approval).
ZH.update({
    "declared twice at once": "同一号码同时另有申报",
    "This ID number is declared elsewhere too:": "该身份证号另有申报：",
    "declared in another jurisdiction": "申报在其他辖区",
    "The same person in two places at once, or one ID number used by two people: check both before deciding.":
        "同一人同时在两处，或同一号码被两人使用：两份申报都核实后再决定。",
    "Another declaration of this ID number waits too (%(name)s, %(address)s): approve it only with a note saying why":
        "该身份证号另有待核录申报（%(name)s，%(address)s）：须填写理由方可核准",
})
