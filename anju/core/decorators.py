from functools import wraps

from django.contrib.auth.decorators import login_required, user_passes_test
from django.core.exceptions import PermissionDenied

from anju.accounts.choices import Area

# Public users' pages send strangers to the phone sign-in, not the staff one.
public_login_required = user_passes_test(lambda user: user.is_authenticated, login_url="accounts:public_login")

# What each staff page reads (accounts/choices.Area), by its URL name or, for a whole app, its namespace; what each
# role reads is accounts/choices.ROLE_READS. A staff page named here by neither is opened only by a role that reads
# every area (a test requires every staff page to be named).
PAGE_AREAS = {
    "cockpit": Area.OVERVIEW,
    "people": Area.PEOPLE,
    "registrations:queue": Area.DECLARATIONS, "registrations:declaration": Area.DECLARATIONS,
    "registrations:tasks": Area.TASKS, "registrations:task": Area.TASKS,
    "registrations:registrations": Area.REGISTRATIONS, "registrations:registration": Area.REGISTRATIONS,
    "registrations:certificate": Area.REGISTRATIONS,
    "registrations:organisations": Area.ORGANISATIONS,
    "houses": Area.HOUSES, "houses:stock": Area.HOUSING,
    "addresses": Area.ADDRESSES,
    "doors": Area.DOORS, "doors:care": Area.CARE,
}


def page_area(match):
    """The area of the page a request resolved to (None for one named nowhere in PAGE_AREAS)."""
    if match is None:
        return None
    return PAGE_AREAS.get(match.view_name, PAGE_AREAS.get(match.namespace))


def may_open(user, name: str) -> bool:
    """Whether `user` may open the staff page of URL name `name` ("app:page"), as staff_required decides: for the
    links a page draws to other pages, so that none leads to the no-access page."""
    return user.may_read(PAGE_AREAS.get(name, PAGE_AREAS.get(name.rpartition(":")[0])))


def staff_required(view):
    """Staff pages: a stranger is sent to the staff sign-in; a signed-in user with no jurisdiction to work in (the
    public, an unbound or inactive staff account) is refused (403), and so is a role that does not read what the page
    shows (PAGE_AREAS; the no-access page says so in words). What the page shows is still scoped by
    ``restrict(user)``; this only keeps out those who have no part of the tree, or no part in this kind of record."""
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.user.scope_node is None or not request.user.may_read(page_area(request.resolver_match)):
            raise PermissionDenied
        return view(request, *args, **kwargs)
    wrapped.staff_page = True
    return wrapped
