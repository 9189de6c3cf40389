from django.conf import settings


def anju(request):
    user = getattr(request, "user", None)
    return {
        "ANJU_PRODUCTION": settings.PRODUCTION,
        "anju_user_node": getattr(user, "scope_node", None) if user and user.is_authenticated else None,
    }
