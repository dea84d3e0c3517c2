"""Colander schemas of the filing forms, generated from the item's materials list."""

import colander
from deform import FileData
from deform.widget import (
    CheckboxChoiceWidget,
    CheckboxWidget,
    SelectWidget,
    TextAreaWidget,
    TextInputWidget,
)
from pyramid.threadlocal import get_current_request

from ningxia_portal.filings import tracking
from ningxia_portal.filings.resources import MATERIAL_OK, MATERIAL_STATUS_TITLES
from ningxia_portal.filings.uploads import FileSequenceWidget, MultiFileUploadWidget
from ningxia_portal.i18n import _, is_term, term
from ningxia_portal.web.schemas import csrf_node, phone_node, revision_node


def material_description(m):
    """Copies · form (paper, electronic …, in the reader's language) · notes."""
    form = m.get("form") or ""
    request = get_current_request()
    if is_term(form) and request is not None:
        form = request.localizer.translate(term(form))
    parts = [m.get("copies") or "", form, m.get("notes") or ""]
    return " · ".join(p for p in parts if p)


def _required_files(name):
    def validator(node, value):
        if not value:
            raise colander.Invalid(node, _('Please upload "${name}".', mapping={"name": name}))

    return validator


def _at_most_files(max_files):
    return colander.Length(
        max=max_files,
        max_err=_("At most ${n} files may be uploaded for one material.", mapping={"n": max_files}),
    )


def materials_node(materials, tmpstore, settings, must_upload, title):
    """One sequence of file uploads per material; ``must_upload(i, m)`` says if one is needed.

    Each slot takes several files at once; the sequence holds one item per file, so a
    material with more files than the per-filing limit is refused with a message at the
    field, and the widget offers no more slots than that.
    """
    max_bytes = settings["portal.upload_max_bytes"]
    max_files = settings["portal.upload_max_files"]
    node = colander.SchemaNode(colander.Mapping(), name="materials", title=title)
    for index, m in enumerate(materials):
        upload = colander.SchemaNode(
            FileData(),
            name="upload",
            title=_("File"),
            missing=colander.drop,
            widget=MultiFileUploadWidget(tmpstore, max_bytes),
        )
        label = m["name"] + ("" if not m["required"] else " *")
        node.add(
            colander.SchemaNode(
                colander.Sequence(),
                upload,
                name=str(index),
                title=label,
                description=material_description(m),
                missing=[],
                validator=colander.All(
                    _at_most_files(max_files),
                    *([_required_files(m["name"])] if must_upload(index, m) else []),
                ),
                widget=FileSequenceWidget(
                    min_len=1,
                    max_len=max_files,
                    add_subitem_text_template=_("Add another file"),
                    orderable=False,
                ),
            )
        )
    return node


def count_new_files(appstruct):
    return sum(len(files) for files in appstruct.get("materials", {}).values())


def max_files_validator(max_files, existing=0):
    def validator(node, value):
        if count_new_files(value) + existing > max_files:
            raise colander.Invalid(
                node,
                _(
                    "A filing may hold at most ${n} files; please remove some.",
                    mapping={"n": max_files},
                ),
            )

    return validator


def apply_validator(materials, max_files, for_submit, existing):
    """Too many files (form error); on submit, each required material needs a file."""

    def validator(node, value):
        removed = set(value.get("remove_files", ()))
        kept = {i: [f for f in fs if f.file_id not in removed] for i, fs in existing.items()}
        count = count_new_files(value) + sum(len(fs) for fs in kept.values())
        if count > max_files:
            raise colander.Invalid(
                node,
                _(
                    "A filing may hold at most ${n} files; please remove some.",
                    mapping={"n": max_files},
                ),
            )
        if not for_submit:
            return
        mat_node = node["materials"]
        mat_error = colander.Invalid(mat_node)
        for pos, child in enumerate(mat_node.children):
            m = materials[int(child.name)]
            if (
                m["required"]
                and not value["materials"].get(child.name)
                and not kept.get(int(child.name))
            ):
                msg = _('Please upload "${name}".', mapping={"name": m["name"]})
                mat_error.add(colander.Invalid(child, msg), pos)
        if mat_error.children:
            error = colander.Invalid(node, _("Please upload every required material."))
            error.add(mat_error, node.children.index(mat_node))
            raise error

    return validator


def apply_schema(
    materials, tmpstore, settings, for_submit, existing=None, contact=None, *, csrf_token
):
    """The application form: materials, 申请说明, 联系人, 联系电话.

    ``for_submit`` makes the required fields required (暂存 keeps anything); ``existing``
    is the draft's ``{material index: [FileRecord]}`` shown with a remove checkbox.
    """
    existing = existing or {}
    schema = colander.SchemaNode(
        colander.Mapping(),
        validator=apply_validator(
            materials, settings["portal.upload_max_files"], for_submit, existing
        ),
    )
    schema.add(csrf_node(csrf_token))
    text_missing = colander.required if for_submit else ""
    contact = contact or {}
    schema.add(
        colander.SchemaNode(
            colander.String(),
            name="description",
            title=_("Description of the application"),
            description=_("What you apply for, and anything the reviewer should know."),
            validator=colander.Length(max=2000),
            missing=text_missing,
            default=contact.get("description", colander.null),
            widget=TextAreaWidget(rows=4),
        )
    )
    schema.add(
        colander.SchemaNode(
            colander.String(),
            name="contact",
            title=_("Contact person"),
            validator=colander.Length(max=50),
            missing=text_missing,
            default=contact.get("contact", colander.null),
        )
    )
    schema.add(
        phone_node(
            _("Contact phone"),
            preparer=None,
            missing=text_missing,
            default=contact.get("phone", colander.null),
        )
    )
    schema.add(
        materials_node(
            materials,
            tmpstore,
            settings,
            lambda i, m: False,  # checked by apply_validator, which knows the draft's files
            _("Application materials"),
        )
    )
    if existing:
        choices = [
            (f.file_id, f"{materials[f.material]['name']}：{f.filename}")
            for files in existing.values()
            for f in files
        ]
        schema.add(
            colander.SchemaNode(
                colander.Set(),
                name="remove_files",
                title=_("Remove files of this draft"),
                missing=(),
                widget=CheckboxChoiceWidget(values=choices),
            )
        )
    return schema


TRACK_CASE_NO_MISSING = _("Please enter the case number.")
TRACK_PHONE_MISSING = _("Please enter the contact phone or its last four digits.")


def track_case_no(node, value):
    if not value:
        raise colander.Invalid(node, TRACK_CASE_NO_MISSING)
    if not tracking.CASE_NO.fullmatch(value):
        raise colander.Invalid(
            node,
            _(
                "A case number reads like 640100-20260302-000001 (center code, date, "
                "sequence): please check it."
            ),
        )


def track_phone(node, value):
    if not value:
        raise colander.Invalid(node, TRACK_PHONE_MISSING)
    phone = tracking.digits(value)
    if len(phone) != tracking.LAST_FOUR and not 7 <= len(phone) <= 20:
        raise colander.Invalid(
            node,
            _("Enter the contact phone given in the application, or its last four digits."),
        )
    if any(ch not in "0123456789-+()" for ch in tracking.normalized(value)):
        raise colander.Invalid(node, _("A phone number holds digits and hyphens only."))


def track_schema(*, csrf_token=None):
    """办件进度查询: the case number and the contact phone (or its last four digits).

    Without ``csrf_token``, the fields alone: what a lookup checks (Pyramid has checked the
    token before any view runs), made once and shared by every request."""
    schema = colander.SchemaNode(colander.Mapping())
    if csrf_token is not None:
        schema.add(csrf_node(csrf_token))
    schema.add(
        colander.SchemaNode(
            colander.String(),
            name="case_no",
            title=_("Case number"),
            preparer=tracking.normalized,
            validator=track_case_no,
            missing_msg=TRACK_CASE_NO_MISSING,
            widget=TextInputWidget(
                attributes={"autocomplete": "off", "placeholder": "640100-20260302-000001"}
            ),
        )
    )
    schema.add(
        colander.SchemaNode(
            colander.String(),
            name="phone",
            title=_("Contact phone"),
            description=_("As given in the application, or only its last four digits."),
            preparer=tracking.normalized,
            validator=track_phone,
            missing_msg=TRACK_PHONE_MISSING,
            widget=TextInputWidget(attributes={"autocomplete": "off", "inputmode": "tel"}),
        )
    )
    return schema


def transition_schema(transition, revision, materials=None, *, csrf_token):
    """A reviewer's (or owner's) form for one transition: comment, and per-material marks."""
    schema = colander.SchemaNode(colander.Mapping())
    schema.add(csrf_node(csrf_token))
    schema.add(revision_node(revision))
    if transition.name == "return" and materials:
        marks = colander.SchemaNode(
            colander.Mapping(),
            name="materials",
            title=_("Materials: what is missing or must be corrected"),
        )
        statuses = [(k, v) for k, v in MATERIAL_STATUS_TITLES.items()]
        for index, m in enumerate(materials):
            mark = colander.SchemaNode(colander.Mapping(), name=str(index), title=m["name"])
            mark.add(
                colander.SchemaNode(
                    colander.String(),
                    name="status",
                    title=_("Verdict"),
                    default=MATERIAL_OK,
                    validator=colander.OneOf(list(MATERIAL_STATUS_TITLES)),
                    widget=SelectWidget(values=statuses),
                )
            )
            mark.add(
                colander.SchemaNode(
                    colander.String(),
                    name="note",
                    title=_("Note"),
                    missing="",
                    validator=colander.Length(max=500),
                )
            )
            marks.add(mark)
        schema.add(marks)
    schema.add(
        colander.SchemaNode(
            colander.String(),
            name="comment",
            title=_("Reasons (required)") if transition.comment_required else _("Comment"),
            missing=colander.required if transition.comment_required else "",
            validator=colander.Length(max=2000),
            widget=TextAreaWidget(rows=3),
        )
    )
    return schema


def supplement_schema(filing, tmpstore, settings, *, csrf_token):
    """Per material: new files, whether they replace the earlier ones; a note; the revision."""
    reviews = filing.material_reviews
    kept = len(filing.current_files())
    schema = colander.SchemaNode(
        colander.Mapping(),
        validator=max_files_validator(settings["portal.upload_max_files"], kept),
    )
    schema.add(csrf_node(csrf_token))
    schema.add(revision_node(filing.revision))

    def must_upload(index, m):
        status = (reviews.get(index) or {}).get("status", MATERIAL_OK)
        return status != MATERIAL_OK

    schema.add(
        materials_node(
            filing.materials,
            tmpstore,
            settings,
            must_upload,
            _("Supplementary materials"),
        )
    )
    replace = colander.SchemaNode(
        colander.Mapping(),
        name="replace",
        title=_("Replace the earlier files (they stay in the case history)"),
    )
    for index, m in enumerate(filing.materials):
        replace.add(
            colander.SchemaNode(
                colander.Boolean(),
                name=str(index),
                title=m["name"],
                missing=False,
                widget=CheckboxWidget(),
            )
        )
    schema.add(replace)
    schema.add(
        colander.SchemaNode(
            colander.String(),
            name="comment",
            title=_("Note on the supplement"),
            missing="",
            validator=colander.Length(max=2000),
            widget=TextAreaWidget(rows=3),
        )
    )
    return schema
