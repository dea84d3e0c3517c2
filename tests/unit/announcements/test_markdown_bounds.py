"""What converting an editor's Markdown may cost is bounded before it is converted."""

import pytest

from ningxia_portal.announcements.richtext import (
    BRACKET_BUDGET,
    MAX_NESTING,
    markdown_problem,
    markdown_to_html,
)

LIMIT = 50_000


@pytest.mark.parametrize(
    "source",
    [
        "[" * 10_000,  # took 15 s to convert
        "[a](" * 2_500,
        "[a][" * 2_500,
        "![" * 5_000,
        "1. " * 3_000,  # nested lists: Python's stack ran out
        "> " * 3_000,
        ">" * 10_000,
        "".join("    " * i + "- a\n" for i in range(300)),
    ],
)
def test_pathological_input_is_refused(source):
    assert markdown_problem(source, LIMIT) is not None


def test_too_long_is_refused_with_the_numbers():
    problem = markdown_problem("正" * (LIMIT + 1), LIMIT)
    assert problem.mapping == {"count": LIMIT + 1, "max": LIMIT}


@pytest.mark.parametrize(
    "source",
    [
        "正文" * 10_000,
        # A long table of links: a hundred of them in one block is fine.
        "| 中心 | 网址 |\n|---|---|\n"
        + "".join(f"| 中心{i} | [链接](https://example.cn/{i}) |\n" for i in range(100)),
        "\n\n".join("[链接](https://example.cn/) " * 20 for _ in range(50)),
        "\\[" * 5_000,  # escaped brackets are text, not links
        "- 一\n  - 二\n    - 三\n      1. 四\n> 引用\n> > 嵌套引用",
    ],
)
def test_ordinary_announcements_pass(source):
    assert markdown_problem(source, LIMIT) is None


def test_brackets_in_separate_paragraphs_each_have_their_own_budget():
    per_paragraph = "[" * 700
    assert len(per_paragraph) ** 2 < BRACKET_BUDGET
    assert markdown_problem("\n\n".join([per_paragraph] * 40), LIMIT) is None


def test_nesting_up_to_the_limit_passes_and_one_more_is_refused():
    assert markdown_problem("> " * MAX_NESTING + "引用", LIMIT) is None
    assert markdown_problem("> " * (MAX_NESTING + 1) + "引用", LIMIT) is not None


def test_a_stack_overflow_in_the_converter_renders_plain_text():
    html = markdown_to_html("".join("    " * i + "- <b>a</b>\n" for i in range(300)))
    assert "<ul>" not in html and "&lt;b&gt;a&lt;/b&gt;" in html
