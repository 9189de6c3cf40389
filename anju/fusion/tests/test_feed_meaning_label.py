"""A feed's meaning "Home" is 住所, and the Django admin's own "Home" stays 首页: the two are told apart by context."""
from django.utils import translation

from anju.fusion.choices import Meaning


def test_a_feed_meaning_home_reads_住所_and_the_admin_breadcrumb_stays_首页(client, admin_a):
    assert str(Meaning.HOME.label) == "住所"
    with translation.override("en"):
        assert str(Meaning.HOME.label) == "Home"
    client.force_login(admin_a)
    page = client.get("/admin/fusion/source/").content.decode()
    breadcrumbs = page.split('class="breadcrumbs"', 1)[1].split("</div>", 1)[0]
    assert "首页" in breadcrumbs and "住所" not in breadcrumbs
    english = client.get("/admin/fusion/source/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert ">Home<" in english.split('class="breadcrumbs"', 1)[1].split("</div>", 1)[0]
