"""Reads of the jurisdiction tree, always within the user's own subtree."""
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
