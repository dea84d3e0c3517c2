"""Departments across a region: the search's department filter and the home page's counts.

A department is named the same at every center (``scjg`` is the market regulator of the
region, of 银川市 and of 兴庆区), so a department filter over a city or 全区 means that
department at every center of the scope. Everything here reads index keys and counts, and
loads one Department object per department name at most (for its title).
"""

from ningxia_portal.catalogue.region import find_center


def scope_centers(request, code):
    """The center codes a region choice covers (see ``region_filters``); None for 全区."""
    center = find_center(request, code) if code else None
    if center is None:
        return None
    if center.level != "city":
        return {center.code}
    centers = request.root["centers"]
    return {center.code} | {c.code for c in centers.values() if c.parent_code == center.code}


def _keys(request):
    """Every ``department`` index key ("<center>/<dept>"): one per department in the catalog."""
    return request.root.catalog["department"]._fwd_index.keys()


def _split(key):
    center, _, name = key.partition("/")
    return center, name


def generic_title(dept):
    """A department's name without its center's (银川市市场监督管理局 → 市场监督管理局)."""
    center = dept.__parent__
    prefix = center.title if center is not None else ""
    if prefix and dept.title.startswith(prefix) and len(dept.title) > len(prefix):
        return dept.title[len(prefix) :]
    return dept.title


def department_keys(request, code, name):
    """The ``department`` index keys of department ``name`` at the centers of the scope."""
    allowed = scope_centers(request, code)
    return [
        k
        for k in _keys(request)
        if _split(k)[1] == name and (allowed is None or _split(k)[0] in allowed)
    ]


def department_titles(request, code, names):
    """{name: title}: the chosen center's own department's full title when the scope is one
    center or the chosen center has it; otherwise the generic title of another center's."""
    centers = request.root["centers"]
    allowed = scope_centers(request, code)
    single = allowed is not None and len(allowed) == 1
    anchor = centers.get(code) if code else None
    by_name = {}
    for key in _keys(request):
        center_code, name = _split(key)
        wanted = name in names and name not in by_name
        if wanted and (allowed is None or center_code in allowed):
            by_name[name] = center_code
    titles = {}
    for name in names:
        dept = anchor.get(name) if anchor is not None else None
        if dept is None and name in by_name:
            dept = centers[by_name[name]].get(name)
        if dept is None:
            continue
        titles[name] = dept.title if single else generic_title(dept)
    return titles


def department_choices(request, code):
    """[(name, title)] of the departments that have items in the scope, by title."""
    allowed = scope_centers(request, code)
    names = {_split(k)[1] for k in _keys(request) if allowed is None or _split(k)[0] in allowed}
    titles = department_titles(request, code, names)
    return sorted(titles.items(), key=lambda pair: pair[1])


def counts_by_department(request, code, counts_by_key):
    """[(name, title, n)] from ``count_by(catalog, "department", ids)``, most items first."""
    totals = {}
    for key, n in counts_by_key.items():
        name = _split(key)[1]
        totals[name] = totals.get(name, 0) + n
    titles = department_titles(request, code, set(totals))
    rows = [(name, titles[name], n) for name, n in totals.items() if name in titles]
    return sorted(rows, key=lambda row: (-row[2], row[1]))
