from ningxia_portal.accounts.resources import KIND_STAFF, Principals, User
from ningxia_portal.security.permissions import user_principal


def principals_with(*users):
    principals = Principals()
    for user in users:
        principals.add_user(user)
    return principals


def enterprise(username, code):
    user = User(username, "hash", title=username)
    user.credit_code = code
    return user


def test_find_by_username_or_credit_code_in_any_case():
    principals = principals_with(enterprise("helan", "91640104MA76AB0C8B"))
    assert principals.find("Helan").username == "helan"
    assert principals.find("91640104ma76ab0c8b ").username == "helan"
    assert principals.find("nobody") is None
    assert principals.find("") is None


def test_search_by_prefix_of_username_or_credit_code():
    principals = principals_with(
        enterprise("helan", "91640104MA76AB0C8B"),
        enterprise("helix", ""),
        enterprise("other", "91350100M000100Y43"),
    )
    users, total = principals.search("hel")
    assert sorted(u.username for u in users) == ["helan", "helix"] and total == 2
    users, total = principals.search("913501")
    assert [u.username for u in users] == ["other"]
    users, total = principals.search("")
    assert total == 3 and len(list(users)) == 3


def test_principals_of_an_enterprise_and_of_staff():
    assert enterprise("helan", "").principals() == ["user:helan", "role:enterprise"]
    staff = User("wang", "hash", kind=KIND_STAFF)
    staff.add_holding("reviewer", "640100/scjg")
    staff.add_holding("reviewer", "640100/scjg")  # granted twice, held once
    staff.add_holding("editor", "")
    assert staff.principals() == ["user:wang", "role:editor", "reviewer@640100/scjg"]
    assert staff.holdings() == [("editor", ""), ("reviewer", "640100/scjg")]
    staff.remove_holding("reviewer", "640100/scjg")
    staff.remove_holding("editor", "")
    assert staff.principals() == [user_principal("wang")]


def test_grants_are_reassigned_tuples_so_zodb_sees_the_change():
    staff = User("wang", "hash", kind=KIND_STAFF)
    staff.add_holding("reviewer", "640100")
    assert isinstance(staff.grants, tuple)


def test_disable_ends_sessions_and_enable_does_not_revive_them():
    user = User("wang", "hash", kind=KIND_STAFF)
    token = user.current_session_token()
    assert user.current_session_token() == token  # made once, then kept
    user.disable()
    changed = user.session_token
    assert not user.active and changed not in (None, token)
    user.enable()
    assert user.active and user.session_token == changed
