"""XSS payloads as an editor might type them into the Markdown body, and the inertness check."""

import re

PAYLOADS = [
    "<script>alert(1)</script>",
    "<ScRiPt>alert(1)</sCrIpT>",
    "<<script>script>alert(1)<</script>/script>",
    '<img src=x onerror="alert(1)">',
    "<IMG SRC=x OnErRoR=alert(1)>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](&#x6A;avascript:alert(1))",
    "[click](<javascript:alert(1)>)",
    "![image](javascript:alert(1))",
    '<a href="jav&#x09;ascript:alert(1)">tab</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">dec</a>',
    '<a href="&#x6a;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;:alert(1)">hex</a>',
    '<a href="javascript&colon;alert(1)">colon</a>',
    '<a href="  \x01javascript:alert(1)">ctrl</a>',
    '<a href="vbscript:msgbox(1)">vb</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
    "![svg](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "<svg onload=alert(1)><circle r=10 /></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<p style="display:none">hidden by style</p>',
    '<div style="position:absolute;left:-9999px">off screen</div>',
    '<p hidden class="d-none visually-hidden" id="main">hidden by attribute</p>',
    '<iframe src="https://evil.example/"></iframe>',
    '<object data="evil.swf"></object><embed src="evil.swf">',
    '<form action="https://evil.example/"><input name="x">'
    '<button formaction="javascript:alert(1)">go</button></form>',
    "<!--<script>alert(1)</script>-->",
    '<!--><img src=x onerror=alert(1)>-->',
    '<details open ontoggle=alert(1)>x</details>',
    '<img src="x" srcset="javascript:alert(1) 1x">',
    '<style>body{display:none}</style><link rel="stylesheet" href="//evil.example/x.css">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)"><base href="javascript:/">',
    '<body onload=alert(1)>body</body>',
    '<a href="https://ok.example/" target="_blank" onclick="alert(1)">fine link</a>',
    "<table><tr><td background=\"javascript:alert(1)\" onmouseover=alert(1)>cell</td></tr></table>",
]  # fmt: skip

DANGEROUS_TAGS = (
    "script", "iframe", "object", "embed", "form", "button", "input", "svg", "math", "style",
    "link", "meta", "base", "textarea", "frame", "frameset", "applet", "details",
)  # fmt: skip
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "background", "srcset")
FORBIDDEN_ATTRIBUTES = ("style", "hidden", "class", "id", "srcset", "formaction", "background")
_STRIP = re.compile(r"[\x00-\x20]+")


def dangerous_url(value):
    cleaned = _STRIP.sub("", value).lower()
    return cleaned.startswith(("javascript:", "data:", "vbscript:"))


def assert_no_active_content(fragment):
    """No element that runs code or loads a frame, no handler, no script-bearing URL."""
    for name in DANGEROUS_TAGS:
        assert fragment.find(name) is None, f"<{name}> survived: {fragment}"
    for element in fragment.find_all(True):
        for attr, value in element.attrs.items():
            assert not attr.lower().startswith("on"), f"{attr} survived: {element}"
            if attr.lower() in URL_ATTRIBUTES:
                assert not dangerous_url(str(value)), f"{attr}={value!r} survived"


def assert_inert(fragment):
    """Sanitised HTML: no active content, nothing that hides text, links without an opener."""
    assert_no_active_content(fragment)
    for element in fragment.find_all(True):
        for attr in element.attrs:
            assert attr.lower() not in FORBIDDEN_ATTRIBUTES, f"{attr} survived: {element}"
        if element.name == "a" and element.get("href"):
            assert {"noopener", "noreferrer"} <= set(element.get("rel", [])), element
