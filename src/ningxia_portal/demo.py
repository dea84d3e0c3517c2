"""Demo data for development.ini only: what `make run` shows on first start."""

from ningxia_portal.accounts.demo import load_demo_accounts
from ningxia_portal.announcements.demo import load_announcements
from ningxia_portal.catalogue.demo import load_catalogue
from ningxia_portal.filings.demo import load_demo_filings


def load_demo(root, registry):
    """Load every domain's demo data; ``portal.demo_centers`` may limit the centers."""
    centers = registry.settings.get("portal.demo_centers") or None
    load_catalogue(root, centers=centers)
    load_demo_accounts(root, registry)  # after the catalogue: the reviewer's grants name it
    load_announcements(root, registry)
    load_demo_filings(root, registry)  # after the accounts: the demo enterprise owns them
