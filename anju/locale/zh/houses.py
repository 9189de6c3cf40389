ZH = {
    # the housing stock (houses/housing_stock.html): what the housing department reads
    "Housing stock": "房屋租赁信息",
    "Each house's use, rooms, size and how many live in it now: counts, never who they are.":
        "每处房屋的用途、房间、面积及现住人数：只有人数，不含任何人的信息。",
    "%(n)s house": "共 %(n)s 处房屋", "Tenants checked in": "在租租客", "Registered here": "登记居住",
    "Change the house's kind, capacity or floor area": "修改房屋类型、可住人数或面积", "House details saved": "房屋信息已保存",
    "Photograph the tenant's ID card to fill the form": "拍摄租客身份证人像面，自动填写表单",
}

# Standard addresses entered by hand (anju.addresses views and services).
ZH.update({
    "Standard addresses": "标准地址", "Add a standard address": "新增标准地址",
    "Add an address the library lacks": "新增库中没有的地址", "Not in the library?": "库中没有？",
    "Add another room of this building": "新增同楼房间", "Register a house here": "在此登记房屋",
    "No standard address in your jurisdiction matches.": "本辖区内没有匹配的标准地址。",
    "Search the library first: the same place entered twice splits its houses and records. The full address is composed from the parts (a bare number gets its word: 3 → 3幢).":
        "请先在库中查找：同一地点录入两次，会把房屋和记录分散到两个地址。完整地址由各部分组成（只填数字时自动加上单位：3 → 3幢）。",
    "Jurisdiction (community or grid)": "所属辖区（社区或网格）", "Province": "省", "City": "市",
    "District or county": "区（县）", "Street or town": "街道（乡镇）", "Community or village committee": "社区（村委会）",
    "Road or village": "路（村）", "House number": "门牌号", "Building": "楼栋", "Unit": "单元", "Add": "新增",
    "Added to the standard address library: %(address)s, code %(code)s": "已加入标准地址库：%(address)s，编码 %(code)s",
    "Only the police and auxiliaries of a place may add standard addresses": "只有本地民警和辅警可以新增标准地址",
    "This place is outside your jurisdiction": "该地点不在您的辖区内", "district": "区（县）",
    "road or village": "路（村）", "house number": "门牌号", "Please fill in: %(fields)s": "请填写：%(fields)s",
    "This address is already in the library, code %(code)s": "该地址已在标准地址库中，编码 %(code)s",
    "This looks like an address already in the library: %(address)s, code %(code)s. If it is a different place, tick “This is a different place” and add it again.":
        "该地址与标准地址库中已有地址疑似相同：%(address)s，编码 %(code)s。如确属不同地址，请勾选“确认是不同地址”后再次提交。",
    "This looks like one of %(n)d addresses already in the library, and the address matcher cannot tell which: "
    "%(addresses)s. If it is a different place from all of them, tick “This is a different place” and add it again.":
        "该地址与标准地址库中已有的 %(n)d 个地址疑似相同，无法确定是其中哪一个：%(addresses)s。如与它们都不是同一地址，"
        "请勾选“确认是不同地址”后再次提交。",
    "%(address)s (code %(code)s)": "%(address)s（编码 %(code)s）",
    "between the items of a list\x04, ": "、",
    "This is a different place": "确认是不同地址",
    "Code": "编码", "Address": "地址", "Jurisdiction": "辖区",
})

# Rights and confirmations.
ZH.update({
    "Your role (%(role)s) may not make this change": "您的角色（%(role)s）无权进行此项修改",
    "Deregister this person? They will be told by SMS.": "确定注销此人的居住登记？将短信通知本人。",
    "Revoke this plate? Its QR code stops working at once.": "确定作废此门牌？其二维码将立即失效。",
    "Issue a new plate? The old QR code stops working at once.": "确定补发新门牌？旧门牌二维码将立即失效。",
    "Why (lost, damaged, house gone …)": "原因（遗失、损坏、房屋拆除……）",
    "Check %(name)s out? If they have an active residence registration here, its deregistration is proposed.":
        "确定为 %(name)s 办理退租？如该租客在此有有效居住登记，将提交注销申请。",
    "Say why the plate is revoked": "请说明作废门牌的原因",
    "The door plate was revoked on %(day)s (%(reason)s); its QR code no longer works. Ask the community police for a new one.":
        "门牌已于 %(day)s 作废（%(reason)s），其二维码已失效。请联系社区民警补发新门牌。",
})
ZH.update({"End this residence registration? Do this only when you have moved out.": "确定注销这条居住登记？请仅在已搬离时操作。"})
ZH.update({"Only the first 20 matches are shown: add the building and room to find yours.":
           "仅显示前 20 条结果：请加上楼栋和房间号查找。"})
ZH.update({"To do": "待办", "Done on": "完成日期"})
ZH.update({"Where the worker lives": "员工居住地址", "Search above and choose the address": "请在上方搜索并选择地址"})

# Landlords' claims to houses already in the system: proven by the door plate or verified by the police.
ZH.update({
    "landlord": "房东", "recorded kind": "原登记类型", "Waiting for police verification": "待民警核实",
    "door-plate code": "门牌编号", "verified by the police": "民警核实",
    "Door plate number (if the house has a plate)": "门牌编号（房屋已有门牌时填写）",
    "A house already in the system becomes yours at once with the number printed under its plate's QR code; without "
    "it, the community police verify your claim first.":
        "系统中已有的房屋，填写门牌二维码下方印的门牌编号即可立即认领；不填写的，须经社区民警核实后才能认领。",
    "That is not the code of this house's door plate. Check the plate number printed under its QR code, or leave it "
    "empty to have the community police verify your claim":
        "该编号不是此房屋门牌的编号。请核对门牌二维码下方印的门牌编号，或不填写，由社区民警核实您的认领",
    "This claim is outside your jurisdiction": "该认领申请不在您的辖区内",
    "This claim has already been decided": "该认领申请已处理",
    "%(address)s is already in the system: your claim waits for the community police to verify it. Until then you "
    "see nothing of who lives there.":
        "%(address)s 已在系统中登记：您的认领申请待社区民警核实，核实前您看不到该房屋的住户信息。",
    "Its kind was recorded as %(recorded)s and is now %(kind)s, as you gave it":
        "该房屋原登记类型为%(recorded)s，已按您填写的改为%(kind)s",
    "%(kind)s (recorded as %(recorded)s)": "%(kind)s（原登记为%(recorded)s）",
    "How you verified it, or why it is refused": "核实依据，或不予认领的原因", "Filed": "申请时间",
    "No claims waiting": "没有待核实的认领申请", "Landlords' claims to verify": "待核实的房东认领",
    "Claims to verify (%(n)s)": "待核实认领（%(n)s）", "Claims": "认领申请",
    "A landlord who registers a house already in the system without its door-plate number becomes its landlord only "
    "when you approve: check their proof of ownership or lease. Until then they see nothing of who lives there. On "
    "approval the house takes the kind they gave.":
        "房东登记系统中已有的房屋而未提供门牌编号的，须经您核实同意才成为该房屋的房东：请核验其房产证明或租赁合同。"
        "核实前，房东看不到该房屋的住户信息。同意后，房屋类型改为房东填写的类型。",
    "A house already in the system is yours once the community police verify your claim, or at once when you scan "
    "its door plate's QR code or enter the plate number printed under it.":
        "系统中已有的房屋，经社区民警核实后即可由您管理；扫描该房屋门牌二维码，或填写二维码下方印的门牌编号，可立即认领。",
})
ZH.update({"View the house": "查看房屋"})

# A check-out with nothing registered at the house (anju.houses: tenant_check_out files no deregistration).
ZH.update({
    "%(name)s is checked out and has no active registration here; nothing to deregister":
        "%(name)s 已退租。该租客在此无有效居住登记，无需注销",
})

# A check-in of a number this house already has a tenant for, under another name (anju.houses: tenant_check_in).
ZH.update({
    "The ID number %(id)s is already checked in to this house for %(held)s, not %(name)s: check the number, or check "
    "%(held)s out first": "身份证号 %(id)s 已由 %(held)s 在本房屋登记入住，不是 %(name)s：请核对号码，或先为 %(held)s 办理退租",
})
