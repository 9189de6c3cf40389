ZH = {
    "The photo is larger than 5 MB": "照片超过 5 MB",
    "The photo is not a JPEG, PNG or WebP image": "照片不是 JPEG、PNG 或 WebP 格式的图片",
    "Photo (JPEG, PNG or WebP)": "照片（JPEG、PNG 或 WebP）",
    "Photo": "照片", "view": "查看",
}

# What an alert matched on, and where it came from (watchlist.choices).
ZH.update({
    "ID number the same": "身份证号一致", "ID number one digit apart": "身份证号相差一位",
    "ID number with two digits swapped": "身份证号两位颠倒", "Name the same": "姓名相同",
    "Name sounding the same": "姓名同音", "Birth date the same": "出生日期相同", "Sex the same": "性别相同",
    "Sex not known on one side, not compared": "一方性别不详，未比对",
    "Residence declaration": "居住登记申报", "Registration": "居住登记", "Deregistration": "注销登记",
    "Tenant check-in": "租客入住登记", "Door card issued": "门禁卡发放", "Data fusion link": "数据比对关联",
    "Department record": "部门数据", "Registration on file": "在册居住登记",
    "%(column)s %(v)s is not a date (YYYY-MM-DD)": "%(column)s %(v)s 不是日期（YYYY-MM-DD）",
})

# watchlist.selectors.alerts_not_closed: the home page's count of work waiting for the reader (core.waiting), the
# cockpit's figure and the alerts list's filter, one definition (open, acknowledged or assigned: not yet 处置)
ZH.update({"Alerts not yet closed": "未处置的比中预警", "Not yet closed": "未处置"})
