"""Step 17: the accounts' section of the back office is a class of the accounts package.

``/manage/accounts/`` was stored as ``ningxia_portal.core.manage.AccountsSection``; the
core no longer knows accounts, so that class is gone and the stored section loads as a
broken object. It holds no data: it is replaced by a new ``AccountsSection``
(``accounts/sections.py``), and the old one's catalog entry is dropped by docid.
"""


def evolve(root, registry):
    """Replace the stored /manage/accounts/ section by one of the accounts package's class."""
    from ningxia_portal.accounts.sections import AccountsSection

    manage = root.get("manage")
    if manage is None:
        return
    old = manage.data.get("accounts")
    if type(old) is AccountsSection:
        return
    catalog = getattr(root, "catalog", None)
    if old is not None and catalog is not None:
        docmap = root.docmap
        for docid in list(catalog["content_type"]._fwd_index.get("AccountsSection", ())):
            if docmap.get(docid) is old:
                catalog.unindex_doc(docid)
                docmap.remove(docid)
    if old is not None:
        del manage.data["accounts"]
        manage._num_objects.change(-1)
    manage.add("accounts", AccountsSection())
