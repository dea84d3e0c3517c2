"""Step 8: cases store the key of the item they were made for, and the ``item`` index has it."""


def item_key_of(filing):
    """``<center>/<dept>/<item>`` of a stored case: from its item, else from what it kept."""
    item = getattr(filing, "item", None)
    key = getattr(item, "item_key", None)
    if key is None and getattr(item, "__name__", None) and filing.department_key:
        key = f"{filing.department_key}/{item.__name__}"
    return key


def evolve(root, registry):
    """Set ``item_key`` on every stored case and reindex it, so an item with cases is kept."""
    from ningxia_portal.filings.resources import Filing
    from ningxia_portal.indexing.catalog import reindex

    filings = root.get("filings")
    for filing in list(filings.values()) if filings is not None else ():
        if isinstance(filing, Filing) and getattr(filing, "item_key", None) is None:
            filing.item_key = item_key_of(filing)
            reindex(filing, root)
