"""``{% residence_to_confirm %}`` on a public user's "my record" page (people/me.html): the residence information fusion
asked them by SMS to confirm. A template tag, so that people's view does not import fusion (ARCHITECTURE.md)."""
from django import template

from anju.fusion.selectors import findings_to_confirm

register = template.Library()


@register.inclusion_tag("fusion/to_confirm.html", takes_context=True)
def residence_to_confirm(context):
    request = context["request"]
    return {"findings": findings_to_confirm(user=request.user, request=request), "request": request,
            "csrf_token": context.get("csrf_token")}
