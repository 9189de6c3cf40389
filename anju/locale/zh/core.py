ZH = {
    "Page not found": "页面不存在",
    "There is no such page, or what it shows is outside your jurisdiction. Check the address, or start again from the home page.":
        "没有这个页面，或其内容不在您的辖区范围内。请检查网址，或从首页重新开始。",
    "Home page": "返回首页",
    "Not allowed": "无权访问",
    "Your account may not open this page. If your duty needs it, ask your administrator.":
        "您的账号无权打开此页面。如工作确需，请联系系统管理员。",
    "More": "更多",  # the menu's entries used less often, on a desk screen
    # the home page: the work waiting for the reader (core.waiting), then the figures of their jurisdiction
    "Waiting for you": "等你处理", "Your jurisdiction": "辖区概况",
    "%(name)s: column %(column)s holds numbers of 16 or more digits; Excel keeps only 15, so their last digits may "
    "be wrong: store ID numbers and codes as text":
        "%(name)s：%(column)s 列含 16 位以上的数字；Excel 只保留 15 位有效数字，其末几位可能有误：身份号码和编码请以文本格式保存",
}
