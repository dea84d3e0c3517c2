"""Until the accounts branch lands there is no /login: this test-only add-on (included by
``portal.includes`` in the management tests' settings, never by the app) starts a session
through the real security policy's ``remember`` for a user that exists in the database."""

from pyramid.httpexceptions import HTTPFound
from pyramid.security import remember
from pyramid.view import view_config

from ningxia_portal.core.root import Portal


@view_config(context=Portal, name="test-login", request_method="GET")
def test_login(context, request):
    username = request.params["username"]
    if context["principals"].get(username) is None:
        return HTTPFound(location=request.application_url + "/")
    return HTTPFound(location=request.application_url + "/", headers=remember(request, username))


def includeme(config):
    config.scan("tests.functional.login_addon")
