from django.db import models


class NodeStat(models.Model):
    """An aggregate figure for the records hanging directly off one jurisdiction node.

    The cockpit sums these over a subtree (one indexed prefix scan over a few
    thousand rows), never scanning people per request. `anju cockpit refresh`
    rebuilds them with GROUP BY queries; `day` is set for daily series.
    """

    node = models.ForeignKey("jurisdictions.Node", models.CASCADE, related_name="stats")
    metric = models.CharField(max_length=40)
    day = models.DateField(null=True, blank=True)
    value = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["metric", "day"])]


class StatRefresh(models.Model):
    """When the aggregates were last rebuilt, and how long it took."""

    finished_at = models.DateTimeField()
    seconds = models.FloatField()
    rows = models.IntegerField()
