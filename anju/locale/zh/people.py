"""Chinese for the people app's strings (merged into translate_zh.ZH by `make messages`)."""
ZH = {
    # people.selectors.person_search: a word meant as an ID number, its start or its masked form, that cannot be one
    "“%(word)s” is not a valid ID number: %(problems)s": "“%(word)s”不是有效的身份证号码：%(problems)s",
    "“%(word)s” is not the start of a valid ID number: %(problems)s": "“%(word)s”不是有效的身份证号码开头：%(problems)s",
    "“%(word)s” is not a valid masked ID number: %(problems)s": "“%(word)s”不是有效的脱敏身份证号码：%(problems)s",
    # the search box (people/person_list.html): its placeholder, and the hint under the form
    "name or ID number": "姓名或身份号码",
    "An ID number can be just its start, or masked as lists show it: 330106********1234":
        "身份号码可只输开头，或列表中的脱敏号码，如 330106********1234",
    # the register follows the registrations (people.services.person_residence_set / _end): audit actions, the fields
    # of a residence that ended, the people list's residence filter and /me/
    "recorded where the person lives now": "登记了现居住地",
    "updated the record from a registration": "根据居住登记更新了信息",
    "recorded that the person no longer lives there": "登记了已离开原居住地",
    "left on": "离开日期", "last residence address": "原居住地址",
    "Residence": "居住状态", "Left (registration ended)": "已离开（登记已注销）", "Both": "全部",
    "left %(address)s on %(date)s": "%(date)s 已离开 %(address)s",
    "None registered now (left %(address)s on %(date)s)": "目前无登记居住地（%(date)s 已离开 %(address)s）",
    # the staff person page of someone who left: where they lived last and when their residence there ended
    "Last residence address": "原居住地址", "Left on": "离开日期",
    # the person page's registrations, declarations, door cards and findings (people.related)
    "All %(n)s →": "全部 %(n)s 条 →",
    "The newest %(shown)s of %(n)s": "共 %(n)s 条，显示最新 %(shown)s 条",
    "None in your jurisdiction": "本辖区内没有",
}
