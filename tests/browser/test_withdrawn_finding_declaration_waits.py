"""A fusion run withdraws a finding the person had answered "yes" to: the officer opening the finding reads that the
data no longer support it and that the person's declaration waits on its own, follows the link to the declaration and
approves it there; the withdrawn finding stays as the run left it."""
import datetime as dt

import pytest

from anju.fusion import pipeline
from anju.fusion.models import Finding, FusionRun
from anju.registrations.models import Declaration
from tests.browser.conftest import screenshot
from tests.browser.test_answer_withdrawn_then_rejected import answered_yes
from tests.browser.test_phone_tables import OVERFLOW, signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_officer_goes_from_the_withdrawn_finding_to_the_declaration_and_approves_it(page, tree, resident,
                                                                                        officer_a):
    finding, declaration = answered_yes(tree, resident, officer_a, "A-0930",
                                        "浙江省杭州市西湖区文新街道文一西路930号1幢1单元101室")
    counts = pipeline._save_findings(FusionRun.objects.create(as_of=dt.date.today()), [],
                                     pipeline.Loader(pipeline.fusion_config()), {}, pipeline.fusion_config())
    assert counts["withdrawn"] == 1

    signed_in(page, officer_a)
    page.goto(f"{page.base}/staff/findings/{finding.pk}/")
    note = page.locator("#withdrawn-declaration-waits")
    assert "数据已不再支持该比对发现" in note.inner_text() and str(declaration.pk) in note.inner_text()
    assert page.locator("form:has(#reject_note)").count() == 0
    assert page.evaluate(OVERFLOW) == []
    screenshot(page, "finding-withdrawn-declaration-waits")
    with page.expect_navigation():
        note.locator("a").click()
    with page.expect_navigation():
        page.locator("#approve button").click()
    assert Declaration.objects.get(pk=declaration.pk).status == "approved"
    assert Finding.objects.get(pk=finding.pk).status == "withdrawn"
