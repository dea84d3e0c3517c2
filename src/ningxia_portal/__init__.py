"""Ningxia Portal: the online service hall of the Ningxia government service centers."""

from pyramid.config import Configurator

from ningxia_portal.settings import load_settings
from ningxia_portal.web.malloc import limit_arenas
from ningxia_portal.web.multipart import closing_request_files


def main(global_config, **settings):
    """Build the WSGI application: include each domain, then scan once."""
    settings = load_settings(settings)
    # Memory: fewer malloc arenas for the server's threads, before any thread starts.
    limit_arenas(settings["portal.malloc_arena_max"])
    with Configurator(settings=settings) as config:
        # Stack: transactions, retries, ZODB connection, Jinja2, i18n, deform.
        config.include("ningxia_portal.web")
        # Storage: the resource tree, its root factory and evolve steps.
        config.include("ningxia_portal.core")
        # Catalog: hypatia indexes kept current on add/modify/remove.
        config.include("ningxia_portal.indexing")
        # Security: session, CSRF, ACL policy.
        config.include("ningxia_portal.security")
        # Accounts: users, login, registration, account management.
        config.include("ningxia_portal.accounts")
        # Service catalogue: centers, departments, service items.
        config.include("ningxia_portal.catalogue")
        # Policy announcements: list, pages, feed, editors' forms and workflow.
        config.include("ningxia_portal.announcements")
        # Home page.
        config.include("ningxia_portal.home")
        # Online filing: apply, review workflow, my filings, work queue, supplement, notices.
        config.include("ningxia_portal.filings")
        # Add-ons named by portal.includes (site extensions; tests register sample features).
        for name in settings["portal.includes"]:
            config.include(name)
        # The benchmark's generator and ceiling view ship in the package but are no part of
        # the app: bench/bench.ini includes the ceiling by name (bench/ceiling.py).
        config.scan(ignore=[".tests", ".bench"])
    # Uploads and spooled bodies are closed once a request is answered (web/multipart.py).
    return closing_request_files(config.make_wsgi_app())
