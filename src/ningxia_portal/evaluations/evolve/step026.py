"""Step 26: ``/evaluations/`` (好差评) and the ``evaluation_lists`` index."""


def evolve(root, registry):
    """Add the Evaluations container and the evaluations' index (instant: nothing to read)."""
    from ningxia_portal.evaluations.resources import Evaluations
    from ningxia_portal.indexing.catalog import ensure_indexes

    if "evaluations" not in root:
        root.add("evaluations", Evaluations())
    ensure_indexes(root, registry)
