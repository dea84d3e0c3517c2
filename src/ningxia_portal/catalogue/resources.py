"""Service centers, departments and service items (事项), after the national item catalogue."""

from persistent import Persistent
from persistent.list import PersistentList
from pyramid.authorization import Allow

from ningxia_portal.core.folder import Folder
from ningxia_portal.i18n import _, terms
from ningxia_portal.security.permissions import Permissions, Roles, grant

LEVELS = ("region", "city", "county")

# Item types, grouped as the hall shows them: 行政审批 / 非行政审批 / 公共服务.
GROUP_APPROVAL = "approval"
GROUP_OTHER = "other"
GROUP_PUBLIC = "public"
GROUPS = (GROUP_APPROVAL, GROUP_OTHER, GROUP_PUBLIC)
GROUP_TITLES = {
    GROUP_APPROVAL: _("Administrative approval"),
    GROUP_OTHER: _("Other administrative services"),
    GROUP_PUBLIC: _("Public services"),
}
ITEM_TYPES = (
    "行政许可",
    "行政确认",
    "行政备案",
    "行政给付",
    "行政裁决",
    "其他行政权力",
    "公共服务",
)
# What a reader sees for each stored value (templates: ``|term``).
ITEM_TYPE_TITLES = terms(
    {
        "行政许可": _("Administrative licensing"),
        "行政确认": _("Administrative confirmation"),
        "行政备案": _("Administrative record-filing"),
        "行政给付": _("Administrative benefit payment"),
        "行政裁决": _("Administrative adjudication"),
        "其他行政权力": _("Other administrative powers"),
        "公共服务": _("Public service"),
    }
)


def type_group(item_type):
    """The on-screen group of an item type."""
    if item_type == "行政许可":
        return GROUP_APPROVAL
    if item_type == "公共服务":
        return GROUP_PUBLIC
    return GROUP_OTHER


# Online handling depth: how far a filing goes online (README, Workflows).
DEPTH_PREREVIEW = "网上预审"
DEPTH_ACCEPT = "网上受理"
DEPTH_COMPLETE = "网上办结"
DEPTHS = (DEPTH_PREREVIEW, DEPTH_ACCEPT, DEPTH_COMPLETE)

DEPTH_TITLES = terms(
    {
        DEPTH_PREREVIEW: _("Online pre-review"),
        DEPTH_ACCEPT: _("Online acceptance"),
        DEPTH_COMPLETE: _("Completed online"),
    }
)

MATERIAL_FORMS = ("纸质", "电子", "纸质或电子")
MATERIAL_FORM_TITLES = terms(
    {"纸质": _("Paper"), "电子": _("Electronic"), "纸质或电子": _("Paper or electronic")}
)


class Centers(Folder):
    """``/centers/``: one Center per administrative division, named by its code."""

    title = _("Service centers")


class Center(Folder):
    """A government service center of one division (region, city or county)."""

    def __init__(self, code, title, level, parent_code=None, address="", phone="", hours=""):
        super().__init__()
        self.code = code
        self.title = title
        self.level = level
        self.parent_code = parent_code
        self.address = address
        self.phone = phone
        self.hours = hours

    center_code = property(lambda self: self.code)

    @property
    def scope_codes(self):
        """This center's code and its ancestors' (a county belongs to its city and the region)."""
        codes, code, folder = [self.code], self.parent_code, self.__parent__
        while code and code not in codes:
            codes.append(code)
            parent = folder.get(code) if folder is not None else None
            code = parent.parent_code if parent is not None else None
        return codes

    def searchable_text(self):
        return self.title

    @property
    def __acl__(self):
        """Editors granted on this center maintain it — not its counties: each county center
        has its own editors. (Reviewers' rights are on the cases: filings/workflow.py.)"""
        return [
            (
                Allow,
                grant(Roles.EDITOR, self.code),
                (Permissions.MANAGE, Permissions.MANAGE_CATALOGUE, Permissions.PUBLISH),
            ),
        ]


class Department(Folder):
    """A department of a center; its children are the service items it implements."""

    def __init__(self, title, phone="", address="", hours=""):
        super().__init__()
        self.title = title
        self.phone = phone
        self.address = address
        self.hours = hours

    @property
    def center(self):
        return self.__parent__

    @property
    def center_code(self):
        return self.__parent__.code if self.__parent__ is not None else None

    @property
    def scope_codes(self):
        return self.__parent__.scope_codes if self.__parent__ is not None else None

    @property
    def department_key(self):
        """``<center>/<department>``: the scope of reviewer grants on this department."""
        if self.__parent__ is None:
            return None
        return f"{self.__parent__.code}/{self.__name__}"

    def searchable_text(self):
        return self.title


class Material(Persistent):
    """One entry of an item's materials list (申请材料)."""

    def __init__(self, name, required=True, copies="原件1份", form="纸质或电子", notes=""):
        self.name = name
        self.required = required
        self.copies = copies
        self.form = form
        self.notes = notes

    def as_dict(self):
        return {
            "name": self.name,
            "required": self.required,
            "copies": self.copies,
            "form": self.form,
            "notes": self.notes,
        }


class ServiceItem(Persistent):
    """A service item as the national catalogue describes it; filings are made against it."""

    __name__ = None
    __parent__ = None

    def __init__(
        self,
        code,
        title,
        item_type,
        legal_basis="",
        conditions="",
        statutory_days=20,
        promised_days=20,
        fee="不收费",
        fee_basis="",
        visits=0,
        depth=DEPTH_PREREVIEW,
        materials=(),
    ):
        if item_type not in ITEM_TYPES:
            raise ValueError(f"Unknown item type {item_type!r}")
        if depth not in DEPTHS:
            raise ValueError(f"Unknown handling depth {depth!r}")
        self.code = code
        self.title = title
        self.item_type = item_type
        self.legal_basis = legal_basis
        self.conditions = conditions
        self.statutory_days = statutory_days
        self.promised_days = promised_days
        self.fee = fee
        self.fee_basis = fee_basis
        self.visits = visits
        self.depth = depth
        self.materials = PersistentList(Material(**m) for m in materials)

    @property
    def group(self):
        return type_group(self.item_type)

    @property
    def department(self):
        return self.__parent__

    @property
    def center(self):
        return self.__parent__.__parent__ if self.__parent__ is not None else None

    @property
    def center_code(self):
        center = self.center
        return center.code if center is not None else None

    @property
    def scope_codes(self):
        center = self.center
        return center.scope_codes if center is not None else None

    @property
    def department_key(self):
        dept = self.__parent__
        return dept.department_key if dept is not None else None

    @property
    def item_key(self):
        """``<center>/<department>/<item>``: how filings name the item they were made for."""
        dept = self.__parent__
        if dept is None or dept.department_key is None:
            return None
        return f"{dept.department_key}/{self.__name__}"

    def searchable_text(self):
        """What keyword search matches: the name, the code and every material's name."""
        return "\n".join([self.title, self.code, *(m.name for m in self.materials)])


class CatalogueSection(Persistent):
    """``/manage/catalogue/``: the catalogue's entry in the back office (no data of its own:
    centers live in ``/centers/`` and are managed by views on them)."""

    __name__ = None
    __parent__ = None
    title = _("Service catalogue")
