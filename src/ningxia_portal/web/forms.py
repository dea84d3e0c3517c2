"""Deform wired to Pyramid's localizer, so widgets and colander errors speak Chinese."""

from importlib import resources

import deform
from pyramid.i18n import get_localizer
from pyramid.threadlocal import get_current_request


def translator(term):
    """Translate a deform/colander TranslationString for the current request's locale."""
    request = get_current_request()
    if request is None:
        return term.interpolate() if hasattr(term, "interpolate") else term
    return get_localizer(request).translate(term)


def configure_deform():
    """Make every deform Form render through our translator."""
    template_dir = str(resources.files("deform").joinpath("templates"))
    renderer = deform.ZPTRendererFactory([template_dir], translator=translator)
    deform.Form.set_default_renderer(renderer)
