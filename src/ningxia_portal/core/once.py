"""Objects an application makes once, whichever of its threads asks first."""

import threading

_making = threading.Lock()


def made_once(registry, name, factory):
    """``registry.<name>``, made by ``factory(registry)`` the first time it is asked for:
    under a lock, so threads asking together share one object (a throttle made twice loses
    one copy's counts; a password hasher made by each of 8 first logins cost ~150 MB)."""
    found = getattr(registry, name, None)
    if found is None:
        with _making:
            found = getattr(registry, name, None)
            if found is None:
                found = factory(registry)
                setattr(registry, name, found)
    return found
