"""A small feature registered the way appointments and announcements will be (filings
already does): an item action with its page, a home block and a common tool (included by
``portal.includes``).
"""

from pyramid.view import view_config

from ningxia_portal.catalogue.resources import ServiceItem
from ningxia_portal.security.permissions import Permissions


@view_config(context=ServiceItem, name="book", renderer="string", permission=Permissions.VIEW)
def book(context, request):
    return f"book for {context.title}"


@view_config(context=ServiceItem, name="consult", renderer="string", permission=Permissions.VIEW)
def consult(context, request):
    return f"ask about {context.title}"


def latest(request):
    return {"entries": ["第一条政策公告", "第二条政策公告"]}


def includeme(config):
    config.add_item_action("book", "预约", order=20)
    config.add_item_action(
        "consult",
        "咨询",
        order=30,
        css_class="btn-outline-primary",
        available=lambda item, request: item.depth != "网上预审",
    )
    config.add_home_block("sample", "tests.functional:templates/sample_block.jinja2", latest, 20)
    config.add_home_block(
        "hidden", "tests.functional:templates/sample_block.jinja2", lambda request: None, 10
    )
    config.add_home_tool("consult", "咨询", path="centers/", order=30)
    config.scan("tests.functional.sample_feature")
