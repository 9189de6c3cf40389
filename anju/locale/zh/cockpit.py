ZH = {
    "figures refresh every 30 s, alerts and door alarms every 3 s": "统计数每 30 秒刷新，预警与门禁告警每 3 秒刷新",
    "figures refresh every 30 s, door alarms every 3 s": "统计数每 30 秒刷新，门禁告警每 3 秒刷新",
    "newest": "最新", "Open door alarms": "未处理门禁告警", "devices online": "设备在线", "offline": "离线",
}

# Chart titles and categories (cockpit.html, cockpit/selectors.py), in the page's language.
ZH.update({
    "Population by area (click to drill down)": "辖区分布（点击下钻）",
    "Registered population of the areas below": "下级辖区登记人口排名",
    "New registrations (against last year)": "新增登记趋势（同比）", "New": "新增", "Same month last year": "去年同期",
    "Age": "年龄结构", "Housing": "居住类型", "Where from (top ten)": "来源地（前十）", "Education": "文化程度",
    "The registration rate and accuracy will be estimated by data fusion: ": "登记率与准确率将由数据融合估算：",
    "Not placed further down": "未定位到下级辖区", "Under 16": "16岁以下", "16 to 59": "16-59岁",
    "60 and over": "60岁及以上", "Male": "男", "Female": "女", "Rented": "出租房", "Staff dormitory": "员工宿舍",
    "Own home": "自有住房", "No house linked": "未关联房屋", "Postgraduate": "研究生", "University": "大学本科",
    "College": "大学专科", "Vocational school": "中职", "Senior high school": "高中", "Junior high school": "初中",
    "Primary school": "小学", "Not stated": "未填报",
    "Registration rate = among the people whose newest home record (door, lock …) in the latest data fusion run is in this area, the share registered in that building. Accuracy lies between the shares of active registrations confirmed (traces within %(days)s days, not seen living elsewhere) and not contradicted (no open stale finding scored %(score)s or more); between are those the data say nothing of, mostly people with no records. The rate counts only people with a home record.":
        "登记率 = 最近一次数据融合中，最新居住类记录（门禁、门锁等）在本辖区的人员里，在该楼栋有有效居住登记的比例。"
        "准确率介于有效居住登记中得到印证的比例（%(days)s 天内留有痕迹，未发现住在别处）与未被否定的比例（没有评分 %(score)s 分及以上的"
        "待核查失效发现）之间；两者之间是数据无从判断的登记，多为没有任何记录的人员。登记率只计有居住类记录的人员。",
})

# The one-page PDF report and the tables' Excel files (cockpit/exports.py), in the user's language.
ZH.update({
    "%(area)s: population overview": "%(area)s 实有人口情况", "Accuracy": "准确率",
    "confirmed to not contradicted": "得到印证至未被否定",
    "Registered population": "登记人口", "cockpit table\x04Code": "代码", "Age group": "年龄段",
    "Province of origin": "省份", "New and deregistered (against last year)": "新增与注销（同比）", "Period": "时段",
    "New, same period last year": "去年同期新增", "Deregistered, same period last year": "去年同期注销",
    "Today": "今日", "This week": "本周", "This month": "本月",
})
