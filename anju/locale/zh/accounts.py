"""Chinese for anju/accounts: departments and what they read (the rest of the app's strings are in translate_zh.py)."""
ZH = {
    "department\x04Education": "教育部门",
    "department": "所属部门",
    "Department users: the department they work for, which decides what they may read.":
        "部门用户：所属部门，决定其可查看的数据范围。",
    "A department user needs its department (%(departments)s)": "部门用户必须选择所属部门（%(departments)s）",
    "Only a department user has a department": "只有部门用户才有所属部门",
}
