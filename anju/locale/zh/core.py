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
    # core.tabular: files as departments keep them (a title above the header, Chinese headings, a few GBK lines)
    "%(name)s is neither UTF-8 nor GBK text (line %(line)d, byte %(pos)d); save it as UTF-8 CSV":
        "%(name)s 既不是 UTF-8 也不是 GBK 编码（第 %(line)d 行，第 %(pos)d 字节），请另存为 UTF-8 CSV",
    "%(name)s is UTF-8 but %(count)d lines are GBK/GB18030 and were read as such (lines %(lines)s): check them":
        "%(name)s 为 UTF-8 编码，但有 %(count)d 行为 GBK/GB18030，已按其读取（第 %(lines)s 行），请核对",
    "%(name)s: the header row is row %(row)d; the rows above it were read as a title and skipped":
        "%(name)s：表头在第 %(row)d 行，其上各行视为标题，已跳过",
    "%(name)s: columns read by their Chinese headings: %(columns)s": "%(name)s 按中文列名读取的列：%(columns)s",
}
