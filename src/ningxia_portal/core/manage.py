"""``/manage/``: the back office of editors and admins; each domain adds its section
(``config.add_manage_section``), and each section's own ACL says who may enter it."""

from ningxia_portal.core.folder import Folder
from ningxia_portal.i18n import _


class Manage(Folder):
    """The container of management sections (accounts, the catalogue …)."""

    title = _("Management")


def ensure_sections(root, registry, names=None):
    """Add the registered sections that /manage/ lacks (``names``: only these); evolve
    steps of a package that brings a new section call it."""
    from ningxia_portal.core.directives import manage_sections

    manage = root.get("manage")
    if manage is None:
        return []
    added = []
    for name, factory in manage_sections(registry).items():
        if (names is None or name in names) and name not in manage:
            manage.add(name, factory())
            added.append(name)
    return added
