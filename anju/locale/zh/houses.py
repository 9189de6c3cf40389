ZH = {
    "Change the house's kind, capacity or floor area": "修改房屋类型、可住人数或面积", "House details saved": "房屋信息已保存",
    "Photograph the tenant's ID card to fill the form": "拍摄租客身份证人像面，自动填写表单",
}
