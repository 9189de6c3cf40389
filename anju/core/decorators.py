from functools import wraps

from django.contrib.auth.decorators import login_required, user_passes_test
from django.core.exceptions import PermissionDenied

# Pages for residents, landlords and employers send strangers to the phone sign-in, not the staff one.
public_login_required = user_passes_test(lambda user: user.is_authenticated, login_url="accounts:public_login")


def staff_required(view):
    """Staff pages: a stranger is sent to the staff sign-in; a signed-in user with no jurisdiction to work in (the
    public, an unbound or inactive staff account) is refused (403). What the page shows is still scoped by
    ``restrict(user)``; this only keeps out those who have no part of the tree at all."""
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.user.scope_node is None:
            raise PermissionDenied
        return view(request, *args, **kwargs)
    return wrapped
