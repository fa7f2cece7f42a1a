"""The glossary (issue 24): its terms (docs/site-src/glossary.yaml) and the link from the first use of each term
on every page to its entry. A use is a whole word (case ignored) in the page's <main>, in prose: not inside a link,
code, a listing, a report, a diagram, a heading, a form control or a badge, where a link would change what the text
is or would not be seen.

In another language (translation.py) each entry's name, forms and text are that language's (LANG.yaml, glossary.ID,
with its `name` and `forms`), and its English forms are kept too, so that an English word the page uses is linked
like the English page links it. A form in Hangul is matched as a word's start: Korean joins its particles to the
noun (뮤텍스를, 데드락이), so the end of the form need not end a word."""
import re
import unicodedata

import yaml
from markupsafe import escape

from .translation import ENGLISH

# Elements whose text is not prose to link: (tag, or a class an element carries).
SKIP_TAGS = {"a", "code", "pre", "script", "style", "svg", "title", "h1", "h2", "h3", "summary", "select",
             "option", "label", "textarea", "button", "table"}
SKIP_CLASSES = {"verdict", "role", "report", "case-name", "crumbs", "pager", "key", "answer"}
TOKEN = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][\w-]*)([^>]*)>", re.S)
CLASS = re.compile(r"""\bclass\s*=\s*["']([^"']*)["']""")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def load(path):
    """[{"id", "name", "forms", "text"}] in the file's order."""
    data = yaml.safe_load(path.read_text()) or {}
    return [{"id": key, "name": entry["name"], "forms": list(entry["forms"]), "text": entry["text"]}
            for key, entry in data.items()]


def translated(terms, tr=ENGLISH):
    """The terms in the translator's language: name, forms (its own, then the English ones) and text."""
    if tr.english:
        return terms
    out = []
    for term in terms:
        english = f"{term['name']}\n{term['text']}"
        entry = tr.entry(f"glossary.{term['id']}", english)
        if entry is None:
            out.append(term)
        else:
            forms = list(entry.get("forms") or []) + [f for f in term["forms"] if f not in (entry.get("forms") or [])]
            out.append({"id": term["id"], "name": entry.get("name", term["name"]), "forms": forms,
                        "text": entry[tr.lang]})
    return out


def hangul(text):
    return any(unicodedata.name(c, "").startswith("HANGUL") for c in text)


def term_pattern(term):
    forms = sorted(term["forms"], key=len, reverse=True)
    # a whole word: not part of a longer word, a hyphenated word (lock-order) or an identifier (memory_order_relaxed);
    # a Korean form is the start of a word (a particle may follow it)
    words = [re.escape(f) + ("" if hangul(f) else r"(?![\w-])") for f in forms]
    return re.compile(r"(?<![\w-])(?:" + "|".join(words) + r")", re.I)


def skips(name, attributes):
    classes = set(CLASS.search(attributes).group(1).split()) if CLASS.search(attributes) else set()
    return name in SKIP_TAGS or bool(classes & SKIP_CLASSES)


def link_terms(page, terms, href, tr=ENGLISH):
    """`page` (HTML) with the first use of each term inside <main> linked to `href`#term-ID."""
    what = tr.text("glossary.link-title", "the glossary")
    start, end = page.find("<main>"), page.rfind("</main>")
    if start < 0 or end < 0:
        return page
    patterns = [(term, term_pattern(term)) for term in terms]
    done, out = set(), []
    skip_name, skip_depth = None, 0
    for piece in TOKEN.split(page[start:end]):
        if not piece:
            continue
        tag = TAG.match(piece) if piece.startswith("<") else None
        if piece.startswith("<"):
            if tag:
                closing, name, attributes = tag.group(1), tag.group(2).lower(), tag.group(3)
                if skip_name is None and not closing and name not in VOID and not attributes.rstrip().endswith("/") \
                        and skips(name, attributes):
                    skip_name, skip_depth = name, 1
                elif skip_name == name and not closing:
                    skip_depth += 1
                elif skip_name == name and closing:
                    skip_depth -= 1
                    if skip_depth == 0:
                        skip_name = None
            out.append(piece)
            continue
        if skip_name is not None or len(done) == len(terms):
            out.append(piece)
            continue
        out.append(link_text(piece, patterns, done, href, what))
    return page[:start] + "".join(out) + page[end:]


def link_text(text, patterns, done, href, what="the glossary"):
    """One run of prose: the earliest use of each term not linked yet becomes a link, left to right."""
    out, at = [], 0
    while True:
        first = None
        for term, pattern in patterns:
            if term["id"] in done:
                continue
            match = pattern.search(text, at)
            if match and (first is None or match.start() < first[1].start()):
                first = (term, match)
        if first is None:
            break
        term, match = first
        done.add(term["id"])
        out.append(text[at:match.start()])
        out.append(f'<a class="term" href="{escape(href)}#term-{term["id"]}" title="{escape(term["name"])}: '
                   f'{escape(what)}">{match.group(0)}</a>')
        at = match.end()
    out.append(text[at:])
    return "".join(out)
