"""Step 7: give every file of a case its own id (ids were reused after a draft's removal)."""


def renumber_duplicate_file_ids(filing):
    """Keep the first file under each id, give later duplicates fresh ids; start the counter.

    Returns how many files got a new id. The first holder keeps its id because that is the
    file every download and removal by that id reached until now.
    """
    seen = set()
    highest = max((int(f.file_id) for f in filing.files), default=0)
    changed = 0
    for f in filing.files:
        if f.file_id in seen:
            highest += 1
            f.file_id = str(highest)
            changed += 1
        seen.add(f.file_id)
    filing.last_file_id = highest
    return changed


def evolve(root, registry):
    """Renumber duplicate file ids of existing cases and store each case's file-id counter."""
    from ningxia_portal.filings.resources import Filing

    filings = root.get("filings")
    for filing in list(filings.values()) if filings is not None else ():
        if isinstance(filing, Filing):
            renumber_duplicate_file_ids(filing)
