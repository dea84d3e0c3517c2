"""Colander schemas of the evaluation forms: the rating, the answer, the follow-up."""

import colander
from deform.widget import RadioChoiceWidget

from ningxia_portal.evaluations.workflow import DIMENSION_TITLES, LEVEL_TITLES, OVERALL
from ningxia_portal.i18n import _
from ningxia_portal.web.schemas import comment_node, csrf_node, revision_node

COMMENT_MAX = 500  # the enterprise's comment on a rating or a follow-up
ANSWER_MAX = 2000  # the department's 整改情况


LEVEL_MESSAGE = _("Please choose one of the five levels.")


class LevelInt(colander.Int):
    """An integer level; text that is no number gets our message, not colander's."""

    def deserialize(self, node, cstruct):
        try:
            return super().deserialize(node, cstruct)
        except colander.Invalid:
            raise colander.Invalid(node, LEVEL_MESSAGE) from None


def level_node(name, title, translate):
    """One of the five levels, as radio buttons (非常满意 first); anything else is refused
    with the message at the field."""
    return colander.SchemaNode(
        LevelInt(),
        name=name,
        title=title,
        validator=colander.OneOf(list(LEVEL_TITLES), msg_err=LEVEL_MESSAGE),
        missing_msg=LEVEL_MESSAGE,
        widget=RadioChoiceWidget(
            values=[(str(k), translate(v)) for k, v in LEVEL_TITLES.items()], inline=True
        ),
    )


def comment(title):
    return comment_node(title, required=False, missing_msg="", max_length=COMMENT_MAX, rows=3)


def rating_schema(*, csrf_token, translate):
    """The rating of a finished case: the five dimensions (every one required) and an
    optional comment."""
    schema = colander.SchemaNode(colander.Mapping())
    schema.add(csrf_node(csrf_token))
    for name, title in DIMENSION_TITLES.items():
        schema.add(level_node(name, title, translate))
    schema.add(comment(_("Comment (optional)")))
    return schema


def answer_schema(revision, *, csrf_token):
    """The department's answer to a rectification task: what was done (required)."""
    schema = colander.SchemaNode(colander.Mapping())
    schema.add(csrf_node(csrf_token))
    schema.add(revision_node(revision))
    schema.add(
        comment_node(
            _("Rectification done"),
            required=True,
            missing_msg=_("Please describe the rectification."),
            max_length=ANSWER_MAX,
            rows=5,
        )
    )
    return schema


def follow_up_schema(revision, *, csrf_token, translate):
    """The enterprise's follow-up rating (追评): its overall satisfaction now, a comment."""
    schema = colander.SchemaNode(colander.Mapping())
    schema.add(csrf_node(csrf_token))
    schema.add(revision_node(revision))
    schema.add(level_node("level", DIMENSION_TITLES[OVERALL], translate))
    schema.add(comment(_("Comment (optional)")))
    return schema
