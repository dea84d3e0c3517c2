"""Skins and display preferences: which skin a viewer sees, and elder mode (适老化).

A skin is a folder named after it with ``skin.css`` (CSS custom properties over the default
theme's ``portal.css``) and, optionally, ``templates/`` holding its own versions of any
page template: ``templates/web/header.jinja2`` stands for ``ningxia_portal/web/templates/
header.jinja2``, ``templates/catalogue/item.jinja2`` for the item page, and so on. The
setting ``portal.skins`` names the skins a viewer may choose, the first the default; each
is looked for in ``portal.skins_dir`` first (an admin's folder outside the package), then
among the themes shipped with the package.

A viewer's choice (skin, elder mode) is their profile's when they are logged in and have
chosen, else their cookie's (``portal_skin``, ``portal_elder``). Everything kept that a
template renders is keyed by ``display_key`` or the skin: two viewers with two choices
never see each other's rendering.
"""

import os
import re
from dataclasses import dataclass
from importlib import resources

from jinja2 import BaseLoader, TemplateNotFound
from pyramid.exceptions import ConfigurationError
from pyramid_jinja2 import IJinja2Environment

from ningxia_portal.i18n import _

SKIN_COOKIE = "portal_skin"
ELDER_COOKIE = "portal_elder"
COOKIE_MAX_AGE = 365 * 24 * 3600
SKINS_ATTR = "portal_skins"
_ENVS_ATTR = "portal_skin_environments"
_NAME = re.compile(r"[a-z][a-z0-9_-]{0,31}")
# The shipped skins' names on screen; another skin says its own in skin.css (``_labels``).
LABELS = {
    "blue": _("Government blue"),
    "red": _("China red"),
    "teal": _("Teal green"),
    "contrast": _("High contrast"),
}
_LABEL_LINE = re.compile(r"^\s*\*?\s*label(?:\.([A-Za-z_]+))?\s*:\s*(.+?)\s*(?:\*/)?\s*$")


@dataclass(frozen=True)
class Skin:
    name: str
    folder: str  # absolute path of the skin's folder
    labels: tuple  # ((locale or "", label), …) from skin.css; empty for the shipped ones

    @property
    def templates(self):
        path = os.path.join(self.folder, "templates")
        return path if os.path.isdir(path) else None


def _packaged_themes():
    return str(resources.files("ningxia_portal.themes"))


def _labels(css_path):
    """``label: 森林绿`` / ``label.en: Forest green`` lines of skin.css's first comment."""
    with open(css_path, encoding="utf-8") as f:
        head = f.read(2000)
    end = head.find("*/")
    if not head.lstrip().startswith("/*") or end < 0:
        return ()
    found = []
    for line in head[: end + 2].splitlines():
        match = _LABEL_LINE.match(line.replace("/*", "", 1) if "/*" in line else line)
        if match:
            found.append((match.group(1) or "", match.group(2)))
    return tuple(found)


def load_skins(settings):
    """The configured skins, in order; a ConfigurationError names a missing or bad one."""
    names = settings["portal.skins"]
    if not names:
        raise ConfigurationError("portal.skins names no skin: name at least one (e.g. blue).")
    own = settings.get("portal.skins_dir") or ""
    if own and not os.path.isdir(own):
        raise ConfigurationError(f"portal.skins_dir {own!r} is not a directory")
    places = [p for p in (own, _packaged_themes()) if p]
    skins = []
    for name in names:
        if not _NAME.fullmatch(name):
            raise ConfigurationError(
                f"portal.skins: {name!r} is not a skin name (lowercase letters, digits, - or _)"
            )
        if name in (s.name for s in skins):
            raise ConfigurationError(f"portal.skins names {name!r} twice")
        folder = next(
            (os.path.join(p, name) for p in places if os.path.isdir(os.path.join(p, name))), None
        )
        css = os.path.join(folder, "skin.css") if folder else None
        if css is None or not os.path.isfile(css):
            raise ConfigurationError(
                f"portal.skins names {name!r}, but no folder {name}/ with a skin.css is in "
                f"{' or '.join(places)}"
            )
        skins.append(Skin(name, os.path.abspath(folder), _labels(css)))
    return tuple(skins)


def get_skins(registry):
    return getattr(registry, SKINS_ATTR)


def skin_names(registry):
    """The configured skins' names, the default first."""
    return tuple(skin.name for skin in get_skins(registry))


def skin_label(request, skin):
    """What the skin menu calls ``skin``, in the viewer's language."""
    if skin.name in LABELS:
        return request.localizer.translate(LABELS[skin.name])
    labels = dict(skin.labels)
    locale = request.localizer.locale_name
    return labels.get(locale) or labels.get("") or skin.name


def current_skin(request):
    """The viewer's skin: their profile's choice, else their cookie's, else the default.
    A name no longer configured counts as not chosen."""
    names = skin_names(request.registry)
    chosen = getattr(getattr(request, "identity", None), "skin", None)
    if chosen not in names:
        chosen = request.cookies.get(SKIN_COOKIE)
    return chosen if chosen in names else names[0]


def is_elder(request):
    """Elder mode (长者模式): the profile's choice when made, else the cookie's."""
    chosen = getattr(getattr(request, "identity", None), "elder", None)
    if chosen is None:
        return request.cookies.get(ELDER_COOKIE) == "1"
    return bool(chosen)


def display_key(request):
    """What a kept rendering of a whole page (or of its header) depends on besides its
    data, audience, language and address: the skin and elder mode."""
    return (request.skin, request.elder)


def skin_choices(request):
    """[(name, label)] of the skin menu."""
    return [(skin.name, skin_label(request, skin)) for skin in get_skins(request.registry)]


# Templates: one Jinja2 environment per skin with templates of its own, sharing the base
# environment's globals and filters, its loader looking in the skin's folder first.


class SkinLoader(BaseLoader):
    """The skin's version of a template when its folder has one, else the base loader's."""

    def __init__(self, folder, base):
        self.folder = folder
        self.base = base

    def get_source(self, environment, template):
        path = override_path(self.folder, template)
        if path is not None and os.path.isfile(path):
            with open(path, encoding="utf-8") as f:
                source = f.read()
            mtime = os.path.getmtime(path)
            return source, path, lambda: os.path.isfile(path) and os.path.getmtime(path) == mtime
        return self.base.get_source(environment, template)


def override_path(folder, template):
    """Where a skin's ``folder`` keeps its version of ``template`` (an asset spec of this
    package: ``ningxia_portal:web/templates/layout.jinja2`` or ``ningxia_portal.web:
    templates/header.jinja2``), the ``templates/`` step left out; None for another name."""
    package, sep, path = template.partition(":")
    if not sep or not (package == "ningxia_portal" or package.startswith("ningxia_portal.")):
        return None
    sub = package[len("ningxia_portal") :].lstrip(".").replace(".", "/")
    parts = [p for p in f"{sub}/{path}".split("/") if p]
    if "templates" not in parts or ".." in parts:
        return None
    parts.remove("templates")
    return os.path.join(folder, *parts)


def environment(request):
    """The Jinja2 environment of the viewer's skin (the base one without a request)."""
    if request is None:
        from pyramid.threadlocal import get_current_registry

        return get_current_registry().queryUtility(IJinja2Environment, name=".jinja2")
    registry = request.registry
    base = registry.queryUtility(IJinja2Environment, name=".jinja2")
    envs = registry.__dict__.setdefault(_ENVS_ATTR, {})
    name = request.skin
    env = envs.get(name)
    if env is None:
        skin = next(s for s in get_skins(registry) if s.name == name)
        if skin.templates is None:
            env = base
        else:
            env = base.overlay(loader=SkinLoader(skin.templates, base.loader))
        envs[name] = env
    return env


class SkinRendererFactory:
    """The ``.jinja2`` renderer: as pyramid_jinja2's, in the viewer's skin's environment."""

    def __call__(self, info):
        name, package = info.name, info.package
        names = [f"{package.__name__}:{name}"] if ":" not in name and package else []
        names.append(name)

        def render(value, system):
            system.update(value)
            env = environment(system.get("request"))
            for candidate in names[:-1]:
                try:
                    return env.get_template(candidate).render(system)
                except TemplateNotFound as e:
                    if e.name != candidate:
                        raise  # a template it includes is missing
            return env.get_template(names[-1]).render(system)

        return render


def includeme(config):
    registry = config.registry
    skins = load_skins(registry.settings)
    setattr(registry, SKINS_ATTR, skins)
    config.add_renderer(".jinja2", SkinRendererFactory())
    for skin in skins:
        config.add_static_view(f"skins/{skin.name}", skin.folder, cache_max_age=3600)
    config.add_request_method(current_skin, "skin", reify=True)
    config.add_request_method(is_elder, "elder", reify=True)
    config.add_request_method(skin_choices, "skin_choices", reify=True)
