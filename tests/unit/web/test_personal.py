"""Personal parts (web/personal.py): placeholders while shared, each viewer's parts put in."""

import pytest
from markupsafe import Markup, escape
from pyramid import testing

from ningxia_portal.security.csrf import SHARED_TOKEN_ATTR, PortalCSRFStoragePolicy
from ningxia_portal.web import personal


@pytest.fixture
def request_with_parts():
    config = testing.setUp()
    config.include("ningxia_portal.web.personal")
    config.add_personal_part("name", lambda request: escape(request.viewer))
    config.add_personal_part("other", lambda request: Markup("<b>other</b>"))
    config.commit()
    request = testing.DummyRequest()
    request.registry = config.registry
    request.viewer = "张三"
    yield request
    testing.tearDown()


def test_a_part_is_itself_unless_the_page_is_shared(request_with_parts):
    request = request_with_parts
    assert personal.personal(request, "name") == "张三"
    with personal.shared_rendering(request):
        marked = personal.personal(request, "name")
        assert marked == personal.placeholder("name") and "张三" not in marked
    assert personal.personal(request, "name") == "张三"


def test_fill_puts_each_part_in_once_and_escaped(request_with_parts):
    request = request_with_parts
    request.viewer = f"<i>{personal.placeholder('other')}</i>"  # looks like another part
    body = f"<p>{personal.placeholder('name')}</p><p>{personal.placeholder('other')}</p>"
    filled = personal.fill(request, body.encode()).decode()
    assert filled == (
        f"<p>&lt;i&gt;{personal.placeholder('other')}&lt;/i&gt;</p><p><b>other</b></p>"
    )


def test_an_unknown_part_or_a_bad_name_fails_loudly(request_with_parts):
    with pytest.raises(LookupError):
        personal.personal(request_with_parts, "missing")
    with pytest.raises(ValueError):
        personal.placeholder("Bad-Name")


def test_the_csrf_policy_answers_the_placeholder_only_while_shared(request_with_parts):
    request = request_with_parts
    policy = PortalCSRFStoragePolicy()
    own = policy.get_csrf_token(request)
    with personal.shared_rendering(request):
        assert policy.get_csrf_token(request) == personal.placeholder(personal.CSRF)
    assert policy.get_csrf_token(request) == own
    assert not hasattr(request, SHARED_TOKEN_ATTR)


def test_placeholders_differ_from_any_fixed_text():
    # made from a random token when the process starts: nothing written can know it
    assert personal.placeholder("name").startswith("personal")
    assert len(personal.placeholder("name")) > 30


def test_the_placeholder_is_never_a_valid_token(request_with_parts):
    request = request_with_parts
    policy = PortalCSRFStoragePolicy()
    own = policy.get_csrf_token(request)
    with personal.shared_rendering(request):
        assert not policy.check_csrf_token(request, personal.placeholder(personal.CSRF))
        assert policy.check_csrf_token(request, own)
