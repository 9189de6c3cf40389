"""What a user meets on a wrong address, a refused page or a server error: our own pages in their language, never
Django's debug page with the URL patterns; and `anju serve` (what `make demo` runs) with debug off and styles still
served."""
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from django.test import RequestFactory
from django.views.defaults import server_error


def test_a_missing_page_is_our_page_in_chinese(client, tree):
    response = client.get("/no-such-page/")
    body = response.content.decode()
    assert response.status_code == 404 and "页面不存在" in body and 'href="/"' in body


def test_a_missing_page_is_in_english_for_an_english_reader(client, tree):
    assert "Page not found" in client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_a_refused_page_says_so_in_words(client, resident):
    client.force_login(resident)
    response = client.get("/staff/people/")
    assert response.status_code == 403 and "无权访问" in response.content.decode()


def test_a_server_error_page_needs_no_context_and_speaks_both_languages():
    response = server_error(RequestFactory().get("/"))
    body = response.content.decode()
    assert response.status_code == 500 and "系统出错" in body and "Something went wrong" in body


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def test_anju_serve_runs_without_debug_pages_and_still_serves_static_files(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "ANJU_DEBUG"}}
    env["ANJU_DATA_DIR"] = str(tmp_path)
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "anju", "serve", f"127.0.0.1:{port}", "--noreload"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, server.stderr.read()
                time.sleep(0.3)
        status, css = _get(f"http://127.0.0.1:{port}/static/anju/anju.css")
        assert status == 200 and ".muted" in css
        status, page = _get(f"http://127.0.0.1:{port}/no-such-page/")
        assert status == 404 and "页面不存在" in page
        assert not re.search(r"URLconf|urlpatterns|Django tried these URL patterns", page)
    finally:
        server.terminate()
        server.wait(timeout=10)
