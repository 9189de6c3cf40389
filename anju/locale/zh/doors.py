"""Chinese for anju/doors (智能门禁)."""
ZH = {
    "Key": "密钥", "version %(v)s": "第 %(v)s 版", "Issue a new key": "签发新密钥", "New device key": "设备新密钥",
    "Load this key into device %(id)s now (version %(v)s). It is shown only this once; the previous key stops "
    "working within a minute.": "请立即将此密钥写入设备 %(id)s（第 %(v)s 版）。密钥仅显示这一次；原密钥将在一分钟内失效。",
    "HMAC-SHA256 key, 32 bytes, hexadecimal: the device signs every message with it (see the protocol in "
    "anju/lib/doors/protocol.py).": "HMAC-SHA256 密钥，32 字节，十六进制：设备用它签名每一条消息（协议见 anju/lib/doors/protocol.py）。",
    "This device is outside your jurisdiction": "该设备不在您的辖区内",
    "Care check": "关爱巡访",
    "Elderly people living alone, enrolled with their consent: when nobody sees them at the door for the chosen "
    "number of days, a visit is due.": "经本人同意纳入关爱的独居老人：连续若干天门禁无刷卡记录时，需上门看望。",
    "Visits due": "待上门看望", "Last seen at the door": "最近刷卡", "Due since": "生成时间", "What you found": "看望情况",
    "Visited": "已看望", "Days without a swipe": "无刷卡天数", "Consent": "本人同意情况", "Enrolled by": "纳入人",
    "Why it ends": "结束原因", "End": "结束", "Enrol a person": "纳入关爱对象", "Registration number": "居住登记编号",
    "Their consent, in words": "本人同意情况（文字记录）",
    "e.g. agreed in person on 1 Dec, daughter informed": "如：12月1日当面同意，女儿知情", "Enrol": "纳入",
    "No registration %(number)s in your jurisdiction": "本辖区内没有登记编号 %(number)s",
    "Enrolled: a visit is due when nobody sees them at the door": "已纳入：门禁长时间无记录时将提醒上门看望",
    "Visit recorded": "已记录看望情况", "Care check ended": "已结束关爱巡访",
    "Say why the care check ends": "请填写结束原因", "This person is already enrolled": "此人已在关爱名单中",
    "Residence proof (days present)": "居住证明（在住天数）",
    "Door access": "智能门禁", "Building entrance": "楼栋出入口", "House door": "户门", "Never seen": "从未上线",
    "Online": "在线", "Offline": "离线", "Unknown": "未知", "Card": "门禁卡", "Phone credential": "手机凭证",
    "Active": "有效", "Reported lost": "已挂失", "Suspended": "已停用", "Cancelled": "已注销", "Expired": "已过期",
    "Issued": "办卡", "Unlocked": "解挂", "Reissued": "补卡", "Renewed": "续卡", "Resumed": "恢复使用",
    "Waiting for a decision": "待审批", "Refused": "不予同意",
    "Door held open": "门长时间未关", "Device offline": "设备离线", "Door forced": "门被强行打开",
    "Repeated refused credentials": "多次刷卡被拒", "Device tampered with": "设备被拆撬",
    "Cleared by itself": "已自动解除", "Enrolled": "已纳入关爱", "Ended": "已结束",
    "device id": "设备编号", "door": "门状态", "last event": "最近事件", "last sequence": "最近序号",
    "door device": "门禁设备", "door devices": "门禁设备", "card number": "卡号", "holder": "持卡人",
    "valid from": "生效日期", "door credential": "门禁凭证", "door credentials": "门禁凭证", "raised": "告警时间",
    "door alarm": "门禁告警", "door alarms": "门禁告警", "consent": "本人同意", "days without a swipe": "无刷卡天数",
    "A device id is 1 to 64 characters without spaces, '/', '+' or '#'": "设备编号为 1 至 64 个字符，不能含空格、“/”、“+”或“#”",
    "Choose the address the device is at": "请选择设备所在地址",
    "Device %(id)s is already registered": "设备 %(id)s 已登记",
    "Unknown address code %(code)s": "标准地址代码 %(code)s 不存在",
    "No registered house at %(address)s": "%(address)s 没有已登记的房屋",
    "A card is issued only to a person with an active residence registration at this house (register first)":
        "只能为在本房屋有有效居住登记的人员办卡（办卡先登记）",
    "The residence registration has expired; renew it first": "居住登记已过期，请先续期",
    "A card number is its UID in hexadecimal, up to 32 digits": "卡号为卡片 UID 的十六进制数字，最多 32 位",
    "The validity date is in the past": "有效期不能早于今天",
    "Card %(uid)s is already in use": "卡号 %(uid)s 已在使用中",
    "Unknown credential kind %(kind)s": "未知凭证类型 %(kind)s",
    "You cannot issue cards for this house": "您无权为该房屋办卡",
    "You cannot change this card": "您无权变更这张卡",
    "This card is %(status)s; that is not possible now": "该卡当前状态为“%(status)s”，不能进行此操作",
    "Say why the card is cancelled": "请填写注销原因",
    "replaced by a new card": "已补办新卡",
    "The registration ends before the card could be renewed; renew the registration first": "居住登记即将到期，无法续卡，请先续期居住登记",
    "the residence registration ended": "居住登记已注销",
    "the residence registration moved to another address": "居住登记已变更至其他地址",
    "the residence registration is active again": "居住登记已恢复有效",
    "Restored with its registration": "随居住登记恢复",
    "Only a landlord of this house can ask for a card to be suspended": "只有该房屋的房东可以申请停用门禁卡",
    "Say why the card should be suspended": "请填写申请停用的原因",
    "A request for this card is already waiting for a decision": "该卡已有待审批的申请",
    "This request is outside your jurisdiction": "该申请不在您的辖区内",
    "This request has already been decided": "该申请已审批",
    "Say why you approve or refuse": "请填写同意或不同意的理由",
    "This alarm is outside your jurisdiction": "该告警不在您的辖区内",
    "Say how the alarm was handled": "请填写处置情况",
    "This alarm is already closed": "该告警已办结",
    "Record the person's consent": "请记录本人同意的情况",
    "The residence registration is not active": "居住登记不是有效状态",
    "Choose between 1 and 30 days": "请选择 1 至 30 天",
    "This task is outside your jurisdiction": "该任务不在您的辖区内",
    "Say what you found": "请填写走访情况",
    "Door cards": "门禁卡",
    "A card is issued only to a person with an active residence registration at this house, and never outlasts it.":
        "只为在本房屋有有效居住登记的人员办卡，卡的有效期不超过居住登记的有效期。",
    "Registered resident": "已登记人员", "Card number": "卡号", "Issue": "办卡",
    "Nobody has an active residence registration at this house: register first, then issue a card.":
        "本房屋暂无有效居住登记人员：请先登记，再办卡。",
    "Holder": "持卡人", "Card history": "变更记录", "replaces": "替换", "Suspension request": "停用申请", "Report lost": "挂失", "Unlock": "解挂",
    "Resume": "恢复使用", "Renew": "续卡", "Ask police to suspend": "申请停用", "Cancel card": "注销",
    "Cancel this card? It stops opening the door at once, for good.": "确定注销这张卡？注销后立即失效，不能再用。",
    "New card number": "新卡号", "Reissue": "补卡", "No cards yet": "尚未办卡", "Door alarms": "门禁告警",
    "Show closed and cleared alarms too": "显示已办结和已解除的告警", "Open alarms only": "只看未处置告警",
    "Raised": "告警时间", "Device": "设备", "How it was handled": "处置情况", "No alarms": "暂无告警",
    "Door devices": "门禁设备", "Cards": "门禁卡", "Door": "门状态", "open since": "开启自", "Last seen": "最近在线",
    "Last sequence": "最近序号", "Recent events": "最近事件", "Open alarms": "未处置告警", "No devices found": "没有找到设备",
    "Suspension requests from the landlord": "房东的停用申请", "Reason for the decision": "审批理由", "Refuse": "不同意",
    "Card %(uid)s issued to %(name)s": "已为 %(name)s 办理门禁卡 %(uid)s",
}

# "Open" and "Closed" in their places (pgettext contexts: translate_zh.py reads "context\x04msgid").
ZH.update({
    "door state\x04Open": "开启", "door state\x04Closed": "关闭", "alarm\x04Open": "未处理",
    "alert\x04Open": "待处理", "finding\x04Open": "待核查",
})

# Device events in words (doors.choices.EVENT_LABELS).
ZH.update({
    "Credential used": "刷卡/刷码", "door event\x04Door opened": "门已打开", "door event\x04Door closed": "门已关闭",
    "Exit button": "出门按钮", "Door held open": "门长时间未关", "Granted": "通过", "Refused": "拒绝",
})
ZH.update({"Alarm acknowledged: someone is on it": "已签收，正在处置", "Alarm closed": "告警已办结",
           "Tick the declarations to approve first": "请先勾选要通过的申报"})
ZH.update({"Find the person by name": "按姓名查找", "No active registration of that name in your jurisdiction": "本辖区内没有此姓名的有效居住登记"})

# doors.panels: the home page's count of work waiting for the reader (core.waiting)
ZH.update({"Door alarms open": "未办结的门禁告警"})
