"""A commander opens the cockpit on a wall-sized screen: live figures, charts, a drill-down."""
import io

import pytest
from django.core.management import call_command

from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _commander_on_the_cockpit(browser, live_server, *, locale="zh-CN", width=1920, height=1080):
    context = browser.new_context(locale=locale, viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "commander")
    page.fill("#id_password", "anju-demo-2026")
    with page.expect_navigation():
        page.click("#sign-in button[type=submit]")
    page.wait_for_url(f"{live_server.url}/cockpit/")
    page.wait_for_selector("body[data-loaded='330106']")
    return context, page


def test_commander_sees_figures_and_charts_and_drills_down(browser, live_server):
    call_command("demo_load")
    context, page = _commander_on_the_cockpit(browser, live_server)
    district = int(page.locator("[data-f=registered]").inner_text().replace(",", ""))
    assert district > 0
    assert page.locator(".chart canvas").count() >= 4
    assert int(page.locator("#open-alerts").inner_text()) >= 1  # the demo's watchlist hit
    assert page.locator("[data-f=registration_rate]").inner_text().endswith("%")  # estimated by data fusion
    screenshot(page, "cockpit-district")
    # each chart's table downloads as a real workbook, from the link beside the drawn chart
    with page.expect_download() as download:
        page.click("#chart-ranking + .tools a[data-table=ranking]")
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    assert sheet.max_row > 1 and sheet.max_column >= 2
    # a new watchlist hit shows on the open page within seconds, without a reload
    from anju.jurisdictions.models import Node
    from anju.lib.watchmatch import Hit
    from anju.lib.watchmatch import WatchEntry as IndexEntry
    from anju.watchlist.models import WatchEntry
    from anju.watchlist.services import alert_raise

    alerts = int(page.locator("#open-alerts").inner_text())
    entry = WatchEntry.objects.first()
    alert_raise(hit=Hit(IndexEntry(key=entry.watch_id), 0.9, ("id_number:exact",)), source="test",
                node=Node.objects.filter(level="grid").first(), name=entry.name, address="文一西路 new place")
    page.wait_for_function(f"() => Number(document.getElementById('open-alerts').textContent) === {alerts + 1}",
                           timeout=6_000)
    assert "flash" in page.locator("#open-alerts").evaluate("e => e.closest('.figure').className")
    station = page.evaluate("() => echarts.getInstanceByDom(document.getElementById('chart-ranking'))"
                            ".getOption().series[0].data[0].code")
    page.goto(f"{live_server.url}/cockpit/?node={station}")
    page.wait_for_selector(f"body[data-loaded='{station}']")
    smaller = int(page.locator("[data-f=registered]").inner_text().replace(",", ""))
    assert 0 < smaller < district
    assert page.locator("#node-up").is_visible()
    screenshot(page, "cockpit-station")
    context.close()  # the page polls every 10 s: stop it before the test server goes away


# Every text ECharts drew on each chart (a label's lines taken together), with its box on the canvas: a text
# outside its chart is clipped, one ending in "..." was cut short, two upright texts whose boxes cross overlap.
CHART_TEXT_PROBLEMS = """() => {
  const problems = [];
  for (const el of document.querySelectorAll(".chart")) {
    const chart = echarts.getInstanceByDom(el), width = chart.getWidth(), height = chart.getHeight();
    const texts = new Map();
    for (const d of chart.getZr().storage.getDisplayList(true)) {
      if (d.invisible || d.ignore || !(d.style && d.style.text)) continue;
      if (/(\\.\\.\\.|…)$/.test(d.style.text)) problems.push(`${el.id}: "${d.style.text}" cut`);
      const host = d.parent && d.parent.type === "text" ? d.parent : d;
      const r = host.getBoundingRect().clone(), m = host.getComputedTransform();
      if (m) r.applyTransform(m);
      texts.set(host, {text: host.style.text, slanted: !!m && Math.abs(m[1]) > 1e-6, x: r.x, y: r.y, w: r.width, h: r.height});
    }
    const all = [...texts.values()];
    for (const t of all)
      if (t.x < -0.5 || t.y < -0.5 || t.x + t.w > width + 0.5 || t.y + t.h > height + 0.5) problems.push(`${el.id}: "${t.text}" outside`);
    all.forEach((a, i) => all.slice(i + 1).forEach(b => {
      const dx = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x), dy = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
      if (!a.slanted && !b.slanted && dx > 1 && dy > 1) problems.push(`${el.id}: "${a.text}" overlaps "${b.text}"`);
    }));
  }
  return problems;
}"""


def test_chart_titles_legends_and_labels_fit_in_both_languages_on_wall_and_laptop_screens(browser, live_server):
    """English words are longer than Chinese ones: the trend's title ran under its legend, the education levels
    and 'Not placed further down' were clipped at the chart's edge and 'Staff dormitory' cut to 'Staff dor...'."""
    call_command("demo_load")
    for locale in ("zh-CN", "en-US"):
        for width, height in ((1920, 1080), (1366, 768)):
            context, page = _commander_on_the_cockpit(browser, live_server, locale=locale, width=width, height=height)
            assert page.locator("#chart-education").is_visible()
            assert page.locator("html").get_attribute("lang") == {"zh-CN": "zh-hans", "en-US": "en"}[locale]
            page.wait_for_timeout(1_000)  # the charts' entry animation
            assert page.evaluate(CHART_TEXT_PROBLEMS) == [], (locale, width)
            screenshot(page, f"cockpit-{locale}-{width}")
            context.close()


# The boxes, on the map chart's canvas, around all that the map series drew (its areas and their names) and all that
# the colour scale drew (its bar, handles and figures): each drawn element is found under the view ECharts made for
# its component.
MAP_AND_SCALE = """() => {
  const chart = echarts.getInstanceByDom(document.getElementById("chart-map")), boxes = {};
  for (const d of chart.getZr().storage.getDisplayList(true)) {
    if (d.invisible || d.ignore) continue;
    let view = d.__hostTarget || d;
    while (view && !view.__ecComponentInfo) view = view.parent;
    if (!view) continue;
    const r = d.getBoundingRect().clone(), m = d.getComputedTransform();
    if (m) r.applyTransform(m);
    if (!r.width || !r.height) continue;
    const kind = view.__ecComponentInfo.mainType;
    const b = boxes[kind] || (boxes[kind] = {left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity});
    b.left = Math.min(b.left, r.x); b.top = Math.min(b.top, r.y);
    b.right = Math.max(b.right, r.x + r.width); b.bottom = Math.max(b.bottom, r.y + r.height);
  }
  return {map: boxes.series, scale: boxes.visualMap, width: chart.getWidth(), height: chart.getHeight()};
}"""


def test_the_maps_colour_scale_stays_clear_of_the_map_on_wall_and_laptop_screens(browser, live_server):
    """The scale stood at the chart's left, its figures (0, 180) beside it, and the map, as wide as the chart,
    began under them at 1920 and at 1366 px."""
    call_command("demo_load")
    for width, height in ((1920, 1080), (1366, 768)):
        context, page = _commander_on_the_cockpit(browser, live_server, width=width, height=height)
        page.wait_for_timeout(1_000)  # the charts' entry animation
        boxes = page.evaluate(MAP_AND_SCALE)
        shown, scale = boxes["map"], boxes["scale"]
        assert shown and scale, boxes  # both were drawn
        apart = (scale["left"] >= shown["right"] or shown["left"] >= scale["right"]
                 or scale["top"] >= shown["bottom"] or shown["top"] >= scale["bottom"])
        assert apart, (width, boxes)
        for box in (shown, scale):
            assert box["left"] >= 0 and box["top"] >= 0 and box["right"] <= boxes["width"] and box["bottom"] <= boxes["height"]
        screenshot(page, f"cockpit-map-{width}")
        context.close()


# The three screens of a command centre: the wall, a laptop at the desk and a projector.
SCREENS = [pytest.param(1920, 1080, id="wall-1920x1080"), pytest.param(1366, 768, id="laptop-1366x768"),
           pytest.param(1280, 720, id="projector-1280x720")]
WALL = (1920, 1080)

# What a commander could not read or reach: the page wider than the screen; a panel (the heading, a figure card,
# the shares line, a chart) past the screen's sides, or on the wall, which nobody scrolls, past its foot; anything
# inside a panel past the panel's edges; a figure, a label or any text a chart drew smaller than 12 px.
LAYOUT_PROBLEMS = """(wall) => {
  const width = document.documentElement.clientWidth, height = window.innerHeight, problems = [];
  if (document.documentElement.scrollWidth > width) problems.push(`page ${document.documentElement.scrollWidth} px wide`);
  for (const panel of document.querySelectorAll(".cockpit-head, #cards .figure, #shares, .chart")) {
    const p = panel.getBoundingClientRect(), name = panel.id || panel.className;
    if (p.left < 0 || p.right > width) problems.push(`${name} from x ${p.left} to ${p.right}`);
    if (wall && p.bottom > height) problems.push(`${name} down to y ${p.bottom}`);
    for (const el of panel.querySelectorAll("*")) {
      const r = el.getBoundingClientRect();
      if (r.width && r.height && (r.left < p.left - .5 || r.right > p.right + .5 || r.top < p.top - .5 || r.bottom > p.bottom + .5))
        problems.push(`${el.tagName} "${el.textContent.slice(0, 20)}" past ${name}`);
    }
  }
  for (const el of document.querySelectorAll(".cockpit-head *, #cards *, #shares, #shares *, .tools a")) {
    const own = [...el.childNodes].some(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    if (own && parseFloat(getComputedStyle(el).fontSize) < 12) problems.push(`"${el.textContent.slice(0, 20)}" at ${getComputedStyle(el).fontSize}`);
  }
  for (const el of document.querySelectorAll(".chart"))
    for (const d of echarts.getInstanceByDom(el).getZr().storage.getDisplayList(true)) {
      const size = d.style && d.style.text && /(\\d+(\\.\\d+)?)px/.exec(d.style.font || "");
      if (size && Number(size[1]) < 12) problems.push(`${el.id}: "${d.style.text}" at ${size[1]} px`);
    }
  return problems;
}"""


@pytest.mark.parametrize("width, height", SCREENS)
def test_the_cockpit_fits_the_screen_with_figures_of_12_px_or_more(browser, live_server, width, height):
    """Measured before: at 1920x1080 the second row of charts ran down to y 1141, 61 px below the wall's foot; the
    map's place names were drawn at 11 px on every screen. Nothing scrolled sideways or left its panel."""
    call_command("demo_load")
    context, page = _commander_on_the_cockpit(browser, live_server, width=width, height=height)
    page.wait_for_timeout(1_000)  # the charts' entry animation
    assert page.evaluate(LAYOUT_PROBLEMS, (width, height) == WALL) == [], (width, height)
    screenshot(page, f"cockpit-screen-{width}")
    context.close()


# The map chart's place names (each label's lines and plate taken together), the areas they name, and the other texts
# on the chart (its title, the colour scale's figures), with their boxes on the canvas.
MAP_NAMES = """() => {
  const chart = echarts.getInstanceByDom(document.getElementById("chart-map")), seen = new Set();
  const out = {names: [], areas: [], others: [], width: chart.getWidth(), height: chart.getHeight(),
               count: chart.getOption().series[0].data.length};
  const kind = el => { while (el && !el.__ecComponentInfo) el = el.__hostTarget || el.parent; return el && el.__ecComponentInfo.mainType; };
  for (const d of chart.getZr().storage.getDisplayList(true)) {
    if (d.invisible || d.ignore) continue;
    const host = d.parent && d.parent.type === "text" ? d.parent : d;
    if (seen.has(host)) continue;
    seen.add(host);
    const r = host.getBoundingRect().clone(), m = host.getComputedTransform();
    if (m) r.applyTransform(m);
    const box = {left: r.x, top: r.y, right: r.x + r.width, bottom: r.y + r.height};
    if (host.type === "text") (kind(host) === "series" ? out.names : out.others).push({text: host.style.text, ...box});
    else if (kind(host) === "series" && r.width && r.height) out.areas.push(box);
  }
  return out;
}"""


def _apart(a, b):
    return a["right"] <= b["left"] or b["right"] <= a["left"] or a["bottom"] <= b["top"] or b["bottom"] <= a["top"]


@pytest.mark.parametrize("width, height", SCREENS)
def test_the_maps_place_names_stand_apart_within_their_areas_on_a_map_filling_its_chart(browser, live_server, width,
                                                                                        height):
    """Measured before: on a station's map its three communities, strips 40 px wide at 1366 and 1280 px, had their
    names (44 px) run into one another (文华社区新苑社区嘉禾社区); and the map, with the colour scale across the chart's
    foot, took 64 % of the chart's height (69 % on the wall) and no more than 66 % of its width: a district's map 40 %
    of it at 1280 px, a station's 20 %."""
    from anju.jurisdictions.models import Node

    call_command("demo_load")
    station = Node.objects.filter(level="station").order_by("code").first()
    context, page = _commander_on_the_cockpit(browser, live_server, width=width, height=height)
    for code in ("330106", station.code):  # the commander's district, then a station: its communities in strips
        page.goto(f"{live_server.url}/cockpit/?node={code}")
        page.wait_for_selector(f"body[data-loaded='{code}']")
        page.wait_for_timeout(1_000)  # the charts' entry animation
        drawn = page.evaluate(MAP_NAMES)
        names, areas = drawn["names"], drawn["areas"]
        assert len(names) == drawn["count"] >= 2, (code, drawn)  # every area has its name on the map
        for i, name in enumerate(names):
            assert 0 <= name["left"] <= name["right"] <= drawn["width"], name  # inside the chart
            assert 0 <= name["top"] <= name["bottom"] <= drawn["height"], name
            # clear of the other names, the title and the colour scale
            assert all(_apart(name, other) for other in names[i + 1:] + drawn["others"]), (code, width, name, drawn)
            # no wider than the area it stands on
            assert any(a["left"] <= name["left"] and name["right"] <= a["right"] for a in areas), (code, width, name)
        # as large as the chart allows: all but its title's and margins' height, or nearly all of its width
        shown = {"width": max(a["right"] for a in areas) - min(a["left"] for a in areas),
                 "height": max(a["bottom"] for a in areas) - min(a["top"] for a in areas)}
        assert shown["height"] >= 0.8 * drawn["height"] or shown["width"] >= 0.9 * drawn["width"], (code, width, shown)
        screenshot(page, f"cockpit-map-names-{code}-{width}")
    context.close()


# The figure cards' texts (figure, label, the line under it), each with the number of lines it runs over, the cards'
# rows, and the top of the first row of charts.
FIGURES_AND_CHARTS = """() => {
  const texts = [];
  for (const el of document.querySelectorAll("#cards .figure > *")) {
    const style = getComputedStyle(el), line = parseFloat(style.lineHeight) || 1.6 * parseFloat(style.fontSize);
    texts.push({text: el.textContent.trim().slice(0, 30), lines: Math.round(el.getBoundingClientRect().height / line)});
  }
  const rows = {};
  for (const card of document.querySelectorAll("#cards .figure")) {
    const top = Math.round(card.getBoundingClientRect().top);
    rows[top] = (rows[top] || 0) + 1;
  }
  return {texts, rows: Object.values(rows), chartTop: document.querySelector(".chart").getBoundingClientRect().top,
          header: document.querySelector("header.top").getBoundingClientRect().height,
          cardsBottom: document.querySelector("#cards").getBoundingClientRect().bottom};
}"""

DESKS = [pytest.param(1366, 768, id="laptop-1366x768"), pytest.param(1280, 720, id="projector-1280x720")]


@pytest.mark.parametrize("width, height", DESKS)
def test_the_figures_stand_in_two_rows_of_short_texts_and_the_first_charts_show_on_laptop_and_projector(
        browser, live_server, width, height):
    """Measured before at 1366x768 and 1280x720: the nine cards wrapped seven and two, the rental houses' line ran over
    three lines (four in English, where eight more texts took two and 'Registered floating population' three at
    1280 px), and the charts began at y 539 (607 in English; the menu took two lines), so that 229 px of them
    showed at 1366x768 and 181 at 1280x720 (113 in English)."""
    call_command("demo_load")
    for locale in ("zh-CN", "en-US"):
        context, page = _commander_on_the_cockpit(browser, live_server, locale=locale, width=width, height=height)
        page.wait_for_timeout(1_000)  # the charts' entry animation
        shown = page.evaluate(FIGURES_AND_CHARTS)
        assert len(shown["rows"]) <= 2, (locale, width, shown)
        assert all(t["lines"] <= 2 for t in shown["texts"]), (locale, width, shown)
        # the first row of charts on the screen, at least as high as a chart may shrink to (CHART_MIN)
        assert shown["chartTop"] + 300 <= height, (locale, width, shown)
        screenshot(page, f"cockpit-figures-{locale}-{width}")
        context.close()


def test_an_auxiliary_opens_the_cockpit_without_learning_of_watchlist_alerts(browser, live_server):
    """Auxiliaries, grid workers and departments do not read the watchlist: their cockpit has no alerts' card, its
    data and its live poll carry no alert figure, even with an alert raised in their community while they watch, and
    the page still runs (door alarms refreshed, the cards in two rows, no script error)."""
    from anju.jurisdictions.models import Node
    from anju.lib.watchmatch import Hit
    from anju.lib.watchmatch import WatchEntry as IndexEntry
    from anju.watchlist.models import WatchEntry
    from anju.watchlist.services import alert_raise

    call_command("demo_load")
    context = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "aux_wh")
    page.fill("#id_password", "anju-demo-2026")
    with page.expect_navigation():
        page.click("#sign-in button[type=submit]")
    community = Node.objects.get(code="330106006001")
    entry = WatchEntry.objects.first()
    alert_raise(hit=Hit(IndexEntry(key=entry.watch_id), 0.9, ("id_number:exact",)), source="test",
                node=Node.objects.filter(path__startswith=community.path, level="grid").first(), name=entry.name,
                address="文华社区 new place")
    page.goto(f"{live_server.url}/cockpit/")
    page.wait_for_selector(f"body[data-loaded='{community.code}']")
    page.wait_for_function(f"() => (document.body.dataset.live || '').startsWith('{community.code}::')", timeout=8_000)
    assert page.locator("#open-alerts, #newest-alert").count() == 0
    cards = page.locator("#cards").inner_text()
    assert "预警" not in cards and "预警" not in page.locator(".cockpit-head").inner_text()
    assert page.locator("#door-alarms").inner_text().isdigit()
    for url in ("/cockpit/data", "/cockpit/live"):
        figures = page.evaluate(f"async () => (await (await fetch('{url}')).json()).figures")
        assert "door_alarms" in figures and "open_alerts" not in figures and "newest_alert" not in figures
    assert len(page.evaluate(FIGURES_AND_CHARTS)["rows"]) <= 2
    assert errors == []
    screenshot(page, "cockpit-auxiliary")
    context.close()
