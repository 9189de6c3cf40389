"""Chinese for anju/accounts: departments and what they read (the rest of the app's strings are in translate_zh.py)."""
ZH = {
    "department\x04Education": "教育部门",
    "department\x04Housing and urban-rural development": "住房和城乡建设部门",
    "department\x04Health": "卫生健康部门",
    "department\x04Human resources and social security": "人力资源和社会保障部门",
    "department\x04Civil affairs": "民政部门",
    # the people list's derived columns, for the departments whose duty reads them (people/person_list.html)
    "Lives alone": "独居", "yes": "是", "no": "否",
    "department": "所属部门",
    "Department users: the department they work for, which decides what they may read.":
        "部门用户：所属部门，决定其可查看的数据范围。",
    "A department user needs its department (%(departments)s)": "部门用户必须选择所属部门（%(departments)s）",
    "Only a department user has a department": "只有部门用户才有所属部门",
}
