"""`anju`: the command line for batch jobs, a thin wrapper over Django management commands.

`anju import addresses FILE` runs the management command `import_addresses FILE`;
`anju audit verify` runs `audit_verify`; anything else goes to Django as it is
(`anju migrate`, `anju shell`). Every command first brings the database schema
up to date, so it works on a fresh database with no other set-up.
"""
import os
import sys

# `anju GROUP VERB …` → management command GROUP_VERB.
GROUPS = ("import", "fusion", "alerts", "audit", "simulate", "devices", "ingest", "users", "demo", "houses", "keypersons", "cockpit", "doors")
SKIP_MIGRATE = {"simulate_city", "simulate_baseline", "evaluate", "migrate", "makemigrations", "showmigrations", "sqlmigrate", "squashmigrations", "test", "check",
                "help", "version", "compilemessages", "makemessages", "collectstatic", "--help", "-h", "--version"}

USAGE = """anju — 安居平台命令行 / Anju command line

  anju demo load              载入演示辖区与账号 / load the demo district and accounts
  anju serve [ADDR:PORT]      启动网站 / serve the site (default 127.0.0.1:8000; ANJU_DEBUG=True for debug pages)
  anju simulate city --residents N --seed S --out DIR   模拟城市 / a synthetic district with its truth
  anju simulate baseline --data DIR --out DIR           朴素基线 / the exact-ID-only export (the floor)
  anju evaluate --truth DIR/truth --found EXPORT_DIR    评估 / score a fusion export against the truth
  anju import jurisdictions FILE   导入辖区树 / load the jurisdiction tree (CSV)
  anju import addresses FILE  导入标准地址库 / the standard address library (CSV or .xlsx)
  anju import population FILE 导入人口库 / the identity registry (CSV or .xlsx)
  anju import watchlist FILE  导入网上逃犯库 / wanted persons (watchlist.csv)
  anju import registrations FILE   导入已有居住登记 / residence registrations on record
  anju import observations FILE    导入多源比对数据 / department and sensor records (observations.csv)
  anju fusion sources [--set NAME --meaning home|workplace|stay|school|property|other --trust T --kind K]
                              数据源及其地址含义 / the feeds and what their address means
  anju fusion run [--as-of DATE]   数据比对 / link, find unregistered, moved, stale
  anju fusion export --out DIR     导出比对结果 / suspects.csv, stale.csv, links.csv
  anju import offences FILE   导入前科记录 / prior offences for key-person scoring
  anju alerts export --out DIR 导出比中预警 / alerts.csv
  anju keypersons score       重点人员评分（仅为建议）/ score key persons (proposals only)
  anju cockpit refresh [--every N]  刷新驾驶舱统计 / rebuild the cockpit's figures
  anju ingest mqtt            门禁事件入库（MQTT）/ door events from the broker into the database
  anju doors sweep            门禁告警、过期卡、分区与留存 / door alarms, card expiry, partitions (every minute)
  anju doors feed [--days N]  门禁刷卡记录进入数据比对 / door swipes into data fusion as observations (daily)
  anju import devices FILE    批量导入门禁设备 / door devices (device_id,address_code,name,house_door)
  anju devices simulate --devices N --rate R --duration S   模拟门禁流量 / simulated door traffic
  anju devices key DEVICE_ID  签发设备新密钥 / issue a device a new key and print it (the old one stops)
  anju houses remind          短信提醒逾期未申报的房东 / remind landlords of overdue tenants (daily)
  anju users add …            新增账号 / create a user (see anju users add --help)
  anju audit verify           校验审计日志哈希链 / check the audit chain
  anju audit seal             将待封存的审计记录写入哈希链 / seal waiting entries into the chain
  anju <django-command> …     任意 Django 管理命令 / any Django management command

数据库 / database: DATABASE_URL, or SQLite under var/ when unset.
"""


def translate(argv: list[str]) -> list[str]:
    if len(argv) >= 2 and argv[0] in GROUPS and not argv[1].startswith("-"):
        return [f"{argv[0]}_{argv[1]}", *argv[2:]]
    if argv and argv[0] == "serve":
        # --insecure: runserver serves the static files itself even with DEBUG off (what the demo runs with, see
        # main); a production server puts gunicorn behind a web server that serves `collectstatic`'s folder instead
        return ["runserver", "--insecure", *(argv[1:] or ["127.0.0.1:8000"])]
    return argv


def ensure_migrated(stdout=sys.stderr) -> None:
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        stdout.write(f"正在更新数据库结构 / applying {len(plan)} migrations…\n")
        call_command("migrate", interactive=False, verbosity=0)


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help"}:
        sys.stdout.write(USAGE)
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anju.settings")
    if argv[0] == "serve":
        # The site as its users see it: Django's debug pages (which list every URL pattern on a 404 and local
        # variables on an error) stay off unless asked for with ANJU_DEBUG=True.
        os.environ.setdefault("ANJU_DEBUG", "False")
    import django
    from django.core.management import execute_from_command_line

    django.setup()
    argv = translate(argv)
    if argv[0] not in SKIP_MIGRATE:
        ensure_migrated()
    execute_from_command_line(["anju", *argv])


if __name__ == "__main__":
    main()
