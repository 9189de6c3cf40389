import os
import threading

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anju.settings")
application = get_wsgi_application()

if os.environ.get("ANJU_WARM_INDEXES", "true").lower() not in ("0", "false", "no"):
    # Each server process builds its watchlist index at start, in the background, so that the first
    # declaration after a deploy is not the one that waits for a million entries to load.
    from anju.watchlist.services import watch_index_warm

    threading.Thread(target=watch_index_warm, name="watchlist-warm", daemon=True).start()
