"""C highlighting with Pygments, one HTML string per source line (a listing's rows carry their own ids and
marks, so a token that spans lines, a block comment, is cut at each line end and reopened on the next)."""
import re

from markupsafe import Markup, escape
from pygments.formatters import HtmlFormatter
from pygments.lexers import CLexer, PythonLexer
from pygments.token import Comment, STANDARD_TYPES

from .model import SITE_SRC

MARKER_WORDS = re.compile(r"expect-tsan|expect-bug|expect-output|tsan-options|requires-tsan")
STYLE_LIGHT, STYLE_DARK = "default", "monokai"
# What a highlighted token can sit on (casebook.css's variables): the page, a code block's wash, and the tints of a
# listing's rows (marked, racing, another frame, changed by the fix). Every token colour keeps a contrast of at least
# MIN_CONTRAST (WCAG 2.x AA for text) against each of them, in each theme.
CODE_BACKGROUNDS = ("paper", "wash", "marked", "racing", "frame", "changed")
MIN_CONTRAST = 4.5


def css_class(token_type):
    while token_type not in STANDARD_TYPES:
        token_type = token_type.parent
    return STANDARD_TYPES[token_type]


def highlight_lines(text, lexer=CLexer):
    """Markup per line of `text` (C, or another of Pygments' lexers), the marker comments set apart with the class
    `mark`."""
    lines, current = [], []
    for token_type, value in lexer(stripnl=False, ensurenl=False).get_tokens(text):
        cls = css_class(token_type)
        cls = "" if cls == "w" else cls
        if token_type in Comment and MARKER_WORDS.search(value):
            cls = (cls + " mark").strip()
        pieces = value.split("\n")
        for k, piece in enumerate(pieces):
            if k:
                lines.append(Markup("").join(current))
                current = []
            if piece:
                current.append(Markup('<span class="{}">{}</span>').format(cls, piece) if cls else escape(piece))
    if current:
        lines.append(Markup("").join(current))
    wanted = len(text.splitlines())
    return (lines + [Markup("")] * wanted)[:wanted]


def highlight_python(text):
    """The seed's Python, one line of markup per line (the page from the Python lesson to C)."""
    return highlight_lines(text, PythonLexer)


def code_lines(text):
    """Each line of `text` without its comments, as Pygments' C lexer reads them (preprocessor lines stay: they
    are code); a line that held only a comment becomes empty. The twins' change is read from these."""
    lines, current = [], []
    for token_type, value in CLexer(stripnl=False, ensurenl=False).get_tokens(text):
        is_comment = token_type in Comment and token_type not in Comment.Preproc and \
            token_type not in Comment.PreprocFile
        for k, piece in enumerate(value.split("\n")):
            if k:
                lines.append("".join(current).rstrip())
                current = []
            if not is_comment:
                current.append(piece)
    lines.append("".join(current).rstrip())
    wanted = len(text.splitlines())
    return (lines + [""] * wanted)[:wanted]


def luminance(color):
    """The relative luminance of #rgb or #rrggbb (WCAG 2.x)."""
    digits = color.lstrip("#")
    digits = "".join(c * 2 for c in digits) if len(digits) == 3 else digits
    channels = [int(digits[k:k + 2], 16) / 255 for k in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one, other):
    """The contrast ratio of two colours, 1 to 21 (WCAG 2.x)."""
    darker, lighter = sorted((luminance(one), luminance(other)))
    return (lighter + 0.05) / (darker + 0.05)


def legible(color, backgrounds, dark):
    """`color`, or the nearest mix of it with black (a light theme) or white (a dark one) whose contrast with every
    one of `backgrounds` is at least MIN_CONTRAST: the hue stays, the colour only darkens or lightens enough."""
    digits = color.lstrip("#")
    digits = "".join(c * 2 for c in digits) if len(digits) == 3 else digits
    rgb = [int(digits[k:k + 2], 16) for k in (0, 2, 4)]
    toward = 255 if dark else 0
    for step in range(101):
        mixed = "#" + "".join(f"{round(c + (toward - c) * step / 100):02x}" for c in rgb)
        if min(contrast(mixed, b) for b in backgrounds) >= MIN_CONTRAST + 0.01:   # axe rounds: keep a margin
            return color if step == 0 else mixed
    return "#ffffff" if dark else "#000000"


def theme_colors(css=None):
    """{"light": {name: #hex}, "dark": {...}}: casebook.css's custom properties, the dark ones over the light."""
    css = css if css is not None else (SITE_SRC / "casebook.css").read_text()
    declare = re.compile(r"--([\w-]+):\s*(#[0-9a-fA-F]{3,6})\b")
    light_block = re.search(r":root\s*\{(.*?)\}", css, re.S).group(1)
    dark_block = re.search(r"@media \(prefers-color-scheme: dark\)\s*\{\s*:root\s*\{(.*?)\}", css, re.S).group(1)
    light = dict(declare.findall(light_block))
    return {"light": light, "dark": {**light, **dict(declare.findall(dark_block))}}


def legible_rules(rules, backgrounds, dark):
    """Pygments' rules with each token colour made legible (legible()) on the code's backgrounds, or on the rule's
    own background where it sets one."""
    out = []
    for line in rules.splitlines():
        own = re.search(r"background-color:\s*(#[0-9a-fA-F]{3,6})\b", line)
        under = [own.group(1)] if own else backgrounds
        out.append(re.sub(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{3,6})\b",
                          lambda m: "color: " + legible(m.group(1), under, dark), line))
    return "\n".join(out)


def stylesheet():
    """Pygments' rules for both colour schemes, scoped to .hl (dark under prefers-color-scheme: dark), each token
    colour legible on every background a code line can have in its theme (legible())."""
    colors = theme_colors()
    light = HtmlFormatter(style=STYLE_LIGHT).get_style_defs(".hl")
    dark = HtmlFormatter(style=STYLE_DARK).get_style_defs(".hl")
    frame = re.compile(r"\.hl\s*\{|\.hl \.hll|pre\s*\{|td\.|span\.line")    # ours: casebook.css
    dark = "\n".join(line for line in dark.splitlines() if not frame.match(line))
    light = "\n".join(line for line in light.splitlines() if not frame.match(line))
    light = legible_rules(light, [colors["light"][name] for name in CODE_BACKGROUNDS], dark=False)
    dark = legible_rules(dark, [colors["dark"][name] for name in CODE_BACKGROUNDS], dark=True)
    return (f"/* Pygments {STYLE_LIGHT} (light) and {STYLE_DARK} (dark), generated by ci/docsgen/highlight.py; colours "
            f"darkened (light) or lightened (dark) to a contrast of {MIN_CONTRAST}:1 on each code background */\n"
            f"{light}\n@media (prefers-color-scheme: dark) {{\n{dark}\n}}\n"
            "@media print {\n" + light + "\n}\n")
