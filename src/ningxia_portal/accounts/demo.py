"""The five demo accounts of development.ini (``portal.demo = true``); never in production.

Each password is ``<name>1234``, as the README says: they exist to try the portal out.
"""

from ningxia_portal.accounts.resources import KIND_ENTERPRISE, KIND_STAFF, User
from ningxia_portal.security.passwords import get_passwords
from ningxia_portal.security.permissions import Roles, scope_of

# Centers on every department of which the demo reviewer works.
REVIEWER_CENTERS = ("640000", "640100")

DEMO_ENTERPRISE = {
    "title": "宁夏贺兰山食品有限公司",
    "credit_code": "91640104MA76AB0C8B",
    "legal_representative": "马建国",
    "contact": "李文静",
    "phone": "13895012345",
    "email": "service@helanshan-food.example.cn",
}


def load_demo_accounts(root, registry):
    """Create admin, editor, reviewer, handler and enterprise unless they exist; returns
    the names."""
    passwords = get_passwords(registry)
    principals = root["principals"]
    created = []

    def add(username, kind, title, roles=(), grants=(), **profile):
        if username in principals:
            return
        user = User(username, passwords.hash(f"{username}1234"), kind=kind, title=title)
        if kind == KIND_STAFF:
            user.roles = tuple(roles)
        user.grants = tuple(grants)
        for key, value in profile.items():
            setattr(user, key, value)
        principals.add_user(user)
        created.append(username)

    add("admin", KIND_STAFF, "系统管理员", roles=(Roles.ADMIN.value,))
    add("editor", KIND_STAFF, "张编辑", roles=(Roles.EDITOR.value,))
    grants = [
        (Roles.REVIEWER.value, scope_of(code, name))
        for code in REVIEWER_CENTERS
        if code in root["centers"]
        for name in root["centers"][code]
    ]
    add("reviewer", KIND_STAFF, "王审核", grants=grants)
    handler_grants = [
        (Roles.COMPLAINT_HANDLER.value, code)
        for code in REVIEWER_CENTERS
        if code in root["centers"]
    ]
    add("handler", KIND_STAFF, "李投诉", grants=handler_grants)
    add("enterprise", KIND_ENTERPRISE, **DEMO_ENTERPRISE)
    return created
