"""Reads of the jurisdiction tree, always within the user's own subtree."""
from django.db.models import Count
from django.http import Http404

from anju.jurisdictions.models import Node


def node_list(*, user):
    node = getattr(user, "scope_node", None)
    if node is None:
        return Node.objects.none()
    return Node.objects.filter(path__startswith=node.path)


def node_get(*, user, code: str) -> Node:
    node = node_list(user=user).filter(code=code).first()
    if node is None:
        raise Http404(code)
    return node


def counts_by_child(*, children, queryset, path: str = "jurisdiction__path") -> dict[int, int]:
    """How many rows of `queryset` lie in each of `children`'s subtrees (by the child's pk; 0 for none), in one grouped
    query whatever the number of children: the rows counted by the path of their node (`path`), each node's count then
    added to the child whose path begins it (as fusion.selectors.fusion_coverage_by_child does)."""
    counts = dict.fromkeys((child.pk for child in children), 0)
    rows = queryset.order_by().values_list(path).annotate(n=Count("pk"))
    for node_path, n in rows:
        for child in children:
            if node_path.startswith(child.path):
                counts[child.pk] += n
                break
    return counts
