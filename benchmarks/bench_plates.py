"""Door-plate PDF: 1,000 plates in one printable file (issue target: under 30 s).

Baseline, measured in the same run: the same number of QR codes made by segno
alone (no PDF), i.e. the floor the PDF layout adds to.
"""
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anju.settings_test")


def run(quick: bool = False) -> list[dict]:
    import django

    django.setup()
    import segno

    from anju.houses import plates

    count = 200 if quick else 1000
    items = [{"token": plates.sign(plates.new_serial()), "address": f"浙江省杭州市西湖区文一西路{i}号{i % 30 + 1}幢2单元{i % 6 + 1}01室",
              "community": "文华社区", "station": "文新派出所"} for i in range(count)]
    start = time.perf_counter()
    for item in items:
        segno.make(plates.plate_url(item["token"]), error="m").matrix
    qr_only = time.perf_counter() - start
    start = time.perf_counter()
    pdf = plates.plates_pdf(items)
    elapsed = time.perf_counter() - start
    return [{
        "benchmark": "door-plate PDF", "metric": f"{count} plates, one PDF ({len(pdf) / 1e6:.1f} MB, {count // 4} pages)",
        "value": round(elapsed, 2), "unit": "s",
        "baseline": {"name": f"{count} QR codes with segno alone", "value": round(qr_only, 2), "unit": "s"},
        "target": "< 30 s for 1,000" if not quick else "", "status": "ok",
    }]


if __name__ == "__main__":
    for row in run(quick="--quick" in sys.argv):
        print(row)
