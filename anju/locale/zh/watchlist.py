ZH = {
    "The photo is larger than 5 MB": "照片超过 5 MB",
    "The photo is not a JPEG, PNG or WebP image": "照片不是 JPEG、PNG 或 WebP 格式的图片",
    "Photo (JPEG, PNG or WebP)": "照片（JPEG、PNG 或 WebP）",
    "Photo": "照片", "view": "查看",
}
