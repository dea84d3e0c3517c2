"""Ningxia Portal: the online service hall of the Ningxia government service centers."""

from pyramid.config import Configurator

from ningxia_portal.settings import load_settings
from ningxia_portal.web.malloc import limit_arenas, mmap_large_blocks
from ningxia_portal.web.multipart import closing_request_files
from ningxia_portal.web.stopping import stop_gracefully_on_sigterm

# The layers, lowest first, then the domains: each package registers its views' needs,
# evolve steps, containers, indexes, back-office sections and demo data from its includeme.
PACKAGES = (
    # Stack: transactions, retries, Jinja2, i18n, deform, static files.
    "ningxia_portal.web",
    # Storage: the ZODB connection, the Portal root, the evolve runner, the directives.
    "ningxia_portal.core",
    # Catalog: hypatia indexes kept current on add/modify/remove.
    "ningxia_portal.indexing",
    # Security: session, CSRF, ACL policy, the root's ACL.
    "ningxia_portal.security",
    # Accounts: users, login, registration, account management.
    "ningxia_portal.accounts",
    # Service catalogue: centers, departments, service items.
    "ningxia_portal.catalogue",
    # Policy announcements: list, pages, feed, editors' forms and workflow.
    "ningxia_portal.announcements",
    # Home page.
    "ningxia_portal.home",
    # Working days: holiday arrangements, the lunar fallback, /manage/calendar overrides.
    "ningxia_portal.workdays",
    # Message box (站内消息) and mail: the domains below tell it what their moves say.
    "ningxia_portal.messages",
    # Online filing: apply, review workflow, my filings, work queue, supplement, notices.
    "ningxia_portal.filings",
    # Online consultations: ask a department, its answer, the departments' FAQ.
    "ningxia_portal.consultations",
    # Online complaints: 我要投诉, my complaints, the handlers' queue, workflow and rating.
    "ningxia_portal.complaints",
    # Appointments: book a department's slot, staff reply, my appointments, the queue by day.
    "ningxia_portal.appointments",
    # 好差评: ratings of finished cases, rectification tasks, the departments' averages.
    "ningxia_portal.evaluations",
    # Statistics (统计分析): counters per scope and day, kept as cases move; /stats/.
    "ningxia_portal.stats",
    # Notices: printable notices of cases, /notices/, PDF, verification codes at /verify/.
    "ningxia_portal.notices",
    # Audit log: logins, roles, accounts, settings and every workflow move; /manage/audit/.
    "ningxia_portal.audit",
)


def configure(settings):
    """The application's configuration, without serving it: every package included (and
    the add-ons ``portal.includes`` names). Console scripts use it as ``main()`` does, so
    an evolve step or a generated object goes through the same subscribers and registry.
    """
    settings = load_settings(settings)
    config = Configurator(settings=settings)
    for name in PACKAGES:
        config.include(name)
    # Add-ons named by portal.includes (site extensions; tests register sample features).
    for name in settings["portal.includes"]:
        config.include(name)
    return config


def main(global_config, **settings):
    """Build the WSGI application: include each package, then scan once."""
    config = configure(settings)
    # Memory: fewer malloc arenas for the server's threads, before any thread starts.
    limit_arenas(config.registry.settings["portal.malloc_arena_max"])
    mmap_large_blocks()  # argon2's 19 MiB go back to the system after each login
    with config:
        # The benchmark's generator and ceiling view ship in the package but are no part of
        # the app: bench/bench.ini includes the ceiling by name (bench/ceiling.py).
        config.scan(ignore=[".tests", ".bench"])
    stop_gracefully_on_sigterm()  # exit hooks run when the server is stopped
    # Uploads and spooled bodies are closed once a request is answered (web/multipart.py).
    return closing_request_files(config.make_wsgi_app())
