"""The web layer shared by every domain: transactions, templates, i18n, deform, errors."""

import os
import random
import time
from importlib import resources

from pyramid.exceptions import ConfigurationError
from pyramid.tweens import INGRESS

from ningxia_portal.web.dates import FILTERS as DATE_FILTERS
from ningxia_portal.web.forms import configure_deform
from ningxia_portal.web.i18n import configure_languages, term_filter

# Deform's widget resources list omits jQuery and the CSS: every page loads these, as paths
# under the application URL (static_url per asset per page cost more than the rest of <head>).
# jQuery and deform.js load in <head>: deform's widgets register their callbacks with inline
# scripts (``deform.addCallback`` in every sequence), which run where the form is.
DEFORM_HEAD_JS = (
    "deform_static/scripts/jquery-2.0.3.min.js",
    "deform_static/scripts/deform.js",
)
DEFORM_BASE_JS = ("deform_static/scripts/bootstrap.bundle.min.js",)
DEFORM_BASE_CSS = (
    "deform_static/css/bootstrap.min.css",
    "deform_static/css/form.css",
)


def includeme(config):
    settings = config.registry.settings
    # One transaction per request, retried on ConflictError (attempts from the ini).
    settings.setdefault("retry.attempts", "3")
    settings.setdefault("tm.manager_hook", "pyramid_tm.explicit_manager")
    config.include("pyramid_retry")
    config.add_subscriber(_retry_backoff, "pyramid_retry.IBeforeRetry")
    config.include("pyramid_tm")
    # Form bodies with files are read by the ``multipart`` library (web/multipart.py).
    config.set_request_factory("ningxia_portal.web.multipart.PortalRequest")
    # Views marked ``serialized=True`` run one at a time per process (web/writers.py).
    config.include("ningxia_portal.web.writers")

    # Pages answer HTML first; listing and detail pages also answer application/json.
    config.add_view_deriver("ningxia_portal.web.errors.mark_entered")
    config.add_accept_view_order("text/html")
    config.add_accept_view_order("application/json", weighs_less_than="text/html")

    # Pages: Jinja2 with the i18n extension bound to our domain.
    settings.setdefault("jinja2.i18n.domain", "ningxia_portal")
    settings.setdefault("jinja2.i18n.gettext", "ningxia_portal.web.i18n.CachingGetText")
    settings.setdefault("jinja2.trim_blocks", "true")
    settings.setdefault("jinja2.lstrip_blocks", "true")
    config.include("pyramid_jinja2")
    config.add_jinja2_renderer(".jinja2")
    config.commit()  # the jinja2 environment must exist before we add globals
    env = config.get_jinja2_environment(".jinja2")
    env.globals["deform_head_js"] = DEFORM_HEAD_JS
    env.globals["deform_base_js"] = DEFORM_BASE_JS
    env.globals["deform_base_css"] = DEFORM_BASE_CSS
    # Stored UTC times as China's time: |local_datetime, |local_date, |local_iso (web/dates.py).
    env.filters.update(DATE_FILTERS)
    # Stored vocabulary values (an item's type …) in the reader's language: |term.
    env.filters["term"] = term_filter

    # Chinese first (the default unless the ini says en; settings.py): our catalog,
    # colander's zh_CN (it only ships zh_Hans) and deform's; no other language is chosen.
    configure_languages(config)
    config.add_translation_dirs("colander:locale/", "deform:locale/", "ningxia_portal:locale/")
    configure_deform()

    # Static files: the theme (an admin may point portal.theme_dir elsewhere) and deform's.
    theme_dir = settings["portal.theme_dir"] or _default_theme_dir()
    if not os.path.isdir(theme_dir):
        raise ConfigurationError(f"portal.theme_dir {theme_dir!r} is not a directory")
    config.add_static_view("static", theme_dir, cache_max_age=3600)
    config.add_static_view("deform_static", "deform:static/", cache_max_age=3600)
    # The portal's own scripts (what templates would otherwise say inline: web/headers.py).
    config.add_static_view("web_static", "ningxia_portal.web:static/", cache_max_age=3600)
    # Skins (portal.skins): their CSS at /skins/<name>/, their templates before ours, and
    # each viewer's skin and elder mode (request.skin, request.elder); the header's forms.
    config.include("ningxia_portal.web.skins")
    # Parts of a page that are each viewer's own (web/personal.py); the header and
    # breadcrumbs of every page (web/layout.py).
    config.include("ningxia_portal.web.personal")
    config.include("ningxia_portal.web.layout")
    config.add_request_method(lambda r: r.application_url, "app_url", reify=True)
    # Personal links of the main navigation, with their waiting counts (web/nav.py).
    config.include("ningxia_portal.web.nav")
    # ?q=%E9 (not UTF-8) would fail every page in the locale negotiator: repair it first.
    config.add_tween("ningxia_portal.web.query.query_repair_tween_factory", under=INGRESS)
    # Security headers on every answer, and private pages marked as such (web/headers.py).
    config.include("ningxia_portal.web.headers")
    # /healthz, /readyz, and a 503 page rather than a hung request while the storage is away.
    config.include("ningxia_portal.web.health")
    # A body above portal.request_max_bytes is refused before anything reads it.
    config.include("ningxia_portal.web.limits")


def _retry_backoff(event):
    """Wait a random moment before a retry, so requests that just conflicted (concurrent
    filings indexing the same words) don't all collide again at once."""
    attempt = event.environ.get("retry.attempt", 0)
    time.sleep(random.uniform(0, 0.15 * (attempt + 1)))  # noqa: S311 - jitter, not a secret


def _default_theme_dir():
    """The default theme, shipped inside the package (``ningxia_portal.themes``, the
    top-level ``themes/`` folder): the same from a checkout, an editable install or a wheel."""
    return str(resources.files("ningxia_portal.themes").joinpath("default"))
