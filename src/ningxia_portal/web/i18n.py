"""Template gettext with a per-locale cache: translating a fixed message is a dict lookup.

pyramid_jinja2's wrapper builds a TranslationString and walks the localizer for every
``_()`` in a template — about half of a page's rendering time. Messages without a mapping
are fixed for a locale, so their translation is computed once per process.
"""

from pyramid.threadlocal import get_current_request
from pyramid_jinja2.i18n import GetTextWrapper

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
