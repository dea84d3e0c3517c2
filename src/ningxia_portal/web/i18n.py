"""The portal's languages, and template gettext with a per-locale cache.

Pyramid's own locale negotiator takes any ``_LOCALE_``: it joined the value with the
translation directories (``_LOCALE_=/usr/share/locale/ja`` parsed another directory's
catalogs) and kept a localizer for every spelling, for good. Ours names one of LANGUAGES or
the default.

pyramid_jinja2's wrapper builds a TranslationString and walks the localizer for every
``_()`` in a template — about half of a page's rendering time. Messages without a mapping
are fixed for a locale, so their translation is computed once per process.
"""

from pyramid.exceptions import ConfigurationError
from pyramid.i18n import default_locale_negotiator
from pyramid.threadlocal import get_current_request
from pyramid_jinja2.i18n import GetTextWrapper

from ningxia_portal.i18n import is_term, term

# Chinese (our catalogs) and English (the msgids): the only locales a request may choose.
LANGUAGES = ("zh_CN", "en")


def locale_negotiator(request):
    """The ``_LOCALE_`` of the request when it is one of LANGUAGES: its attribute or
    parameter (a link's ``?_LOCALE_=en``), else the logged-in user's choice in their
    profile, else the cookie; else the default. A browser's Accept-Language does not
    choose: the portal speaks Chinese unless the visitor picks English."""
    name = getattr(request, "_LOCALE_", None) or request.params.get("_LOCALE_")
    if name not in LANGUAGES:
        name = getattr(getattr(request, "identity", None), "language", None)
    if name not in LANGUAGES:
        name = default_locale_negotiator(request)
    if isinstance(name, str) and name in LANGUAGES:
        return name
    return request.registry.settings["default_locale_name"]


def configure_languages(config):
    """Check the default language and install ``locale_negotiator``."""
    default = config.registry.settings.get("default_locale_name")
    if default not in LANGUAGES:
        raise ConfigurationError(
            f"pyramid.default_locale_name (or PYRAMID_DEFAULT_LOCALE_NAME) is {default!r}: "
            f"the portal speaks {' and '.join(LANGUAGES)}."
        )
    config.set_locale_negotiator(locale_negotiator)


_CACHE_LIMIT = 20_000


class CachingGetText(GetTextWrapper):
    def __init__(self, domain):
        super().__init__(domain)
        self._cache = {}

    def gettext(self, message, mapping=None):
        if mapping is not None:
            return super().gettext(message, mapping=mapping)
        localizer = get_current_request().localizer
        key = (localizer.locale_name, getattr(message, "domain", None), message)
        try:
            return self._cache[key]
        except KeyError:
            pass
        translated = localizer.translate(message, domain=self.domain)
        if len(self._cache) < _CACHE_LIMIT:
            self._cache[key] = translated
        return translated


def term_filter(value):
    """``{{ item.depth|term }}``: a stored vocabulary value in the reader's language."""
    if not is_term(value):
        return value
    return get_current_request().localizer.translate(term(value))
