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
}
