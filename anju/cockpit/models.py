from django.db import models


class NodeStat(models.Model):
    """An aggregate figure for a jurisdiction node's whole subtree (rolled up at refresh time).

    A request reads only its own node's rows, never people. `anju cockpit refresh`
    rebuilds them with GROUP BY queries; `day` is set for daily and monthly series.
    """

    node = models.ForeignKey("jurisdictions.Node", models.CASCADE, related_name="stats")
    metric = models.CharField(max_length=40)
    day = models.DateField(null=True, blank=True)
    value = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["metric", "day"]), models.Index(fields=["node", "metric"])]


class StatRefresh(models.Model):
    """When the aggregates were last rebuilt, and how long it took."""

    finished_at = models.DateTimeField()
    seconds = models.FloatField()
    rows = models.IntegerField()
