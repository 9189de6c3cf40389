from django.db import models
from django.utils.translation import gettext_lazy as _

from anju.jurisdictions.choices import LEVEL_ORDER, Level


class Node(models.Model):
    """A place in the jurisdiction tree: province → city → district → station → community → grid.

    `path` is the materialised chain of codes ("33/3301/330106/…/"), so a whole
    subtree is one indexed `path LIKE 'prefix%'` — the basis of all scoping.
    Province, city and district codes are GB/T 2260; the lower levels use the
    codes of the local public-security and civil-affairs bureaus, kept opaque.
    """

    code = models.CharField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=100)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    parent = models.ForeignKey("self", models.PROTECT, null=True, blank=True, related_name="children")
    path = models.CharField(max_length=512, db_index=True, editable=False)
    boundary = models.JSONField(_("boundary (GeoJSON geometry)"), null=True, blank=True)

    class Meta:
        ordering = ["path"]
        verbose_name = _("jurisdiction")
        verbose_name_plural = _("jurisdictions")

    def __str__(self):
        return self.name

    @property
    def depth(self) -> int:
        return LEVEL_ORDER.index(self.level)

    def contains(self, other: "Node") -> bool:
        return other.path.startswith(self.path)

    def ancestors(self):
        codes = self.path.strip("/").split("/")[:-1]
        nodes = {n.code: n for n in Node.objects.filter(code__in=codes)}
        return [nodes[c] for c in codes if c in nodes]

    def full_name(self) -> str:
        return "".join(n.name for n in [*self.ancestors(), self])
