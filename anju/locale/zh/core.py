ZH = {
    "Page not found": "页面不存在",
    "There is no such page, or what it shows is outside your jurisdiction. Check the address, or start again from the home page.":
        "没有这个页面，或其内容不在您的辖区范围内。请检查网址，或从首页重新开始。",
    "Home page": "返回首页",
    "Not allowed": "无权访问",
    "Your account may not open this page. If your duty needs it, ask your administrator.":
        "您的账号无权打开此页面。如工作确需，请联系系统管理员。",
    "More": "更多",  # the menu's entries used less often, on a desk screen
}
