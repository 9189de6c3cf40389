ZH = {
    "figures refresh every 30 s, alerts and door alarms every 3 s": "统计数每 30 秒刷新，预警与门禁告警每 3 秒刷新",
    "newest": "最新", "Open door alarms": "未处理门禁告警", "devices online": "设备在线", "offline": "离线",
}
