ZH = {
    "Photograph the tenant's ID card to fill the form": "拍摄租客身份证人像面，自动填写表单",
}
