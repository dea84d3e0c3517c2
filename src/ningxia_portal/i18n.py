"""The message factory of the portal's own domain: msgids in English, zh_CN in locale/."""

from pyramid.i18n import TranslationStringFactory

_ = TranslationStringFactory("ningxia_portal")
