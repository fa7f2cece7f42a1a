"""Editions of the pages in other languages (issue 24: the Korean edition). The English pages are the source; each
other language keeps all of its text in one file, docs/site-src/LANG.yaml, one entry per English text it
translates, and each entry records the fingerprint of the English it was translated from:

    case.seed/no_lock.lesson:
      en: "3f1c0d9a7b2e"      # fingerprint() of the English text, when it was translated
      ko: >-
        락이 전혀 없습니다. ...

So when an English text changes (a case's lesson, a glossary entry, a paragraph of a template), the entry that
translates it no longer matches, and `ci/gen-docs.py --translations` (ctest docs/translations) names it: the
translation is stale, not silently wrong. A stale or missing entry is not used: the page shows the English text
instead, as gettext leaves a fuzzy entry out, until the entry is translated again and its fingerprint recorded.

Three kinds of English text are translated, each found where it is written:
  - a block of a template between {% tr "KEY" %} and {% endtr %}: its English is the block's source, markup and
    Jinja expressions included; its translation is a template snippet that uses the same expressions;
  - a phrase a template asks for with t("KEY", "English", name=value...), or the code with Translator.text(): its
    English is that string, with {name} placeholders;
  - a text the generator reads from data (a case's title, lesson and marker notes, a glossary entry, a part of the
    report guide, a folder's intro): Translator.text() with the data's own text as the English.
Every key the pages can use is recorded as they are built, blocks and phrases when a template is read (whether or
not a page takes that branch), so an entry no page uses any more is reported too."""
import hashlib
import re

import jinja2.ext
import yaml

from .model import CannotGenerate, SITE_SRC, relative
from .phrases import PHRASES

# The languages besides English: code -> (its name in itself, the folder of its pages under the site).
LANGUAGES = {"ko": ("한국어", "ko/")}
BLOCK = re.compile(r'\{%\s*tr\s+"([^"]+)"\s*%\}(.*?)\{%\s*endtr\s*%\}', re.S)
PHRASE = re.compile(r'\bt\(\s*"([^"]+)"\s*,\s*"((?:[^"\\]|\\.)*)"\s*[,)]')
EXPRESSION = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)      # what a template block fills in
PLACEHOLDER = re.compile(r"\{\w+\}")                           # what a phrase's str.format() fills in


def fingerprint(english):
    """12 hex digits of SHA-256 over the text with its runs of white space made one space: re-wrapping a paragraph
    (a YAML folded block, a template's lines) does not make its translations stale; changing a word does."""
    return hashlib.sha256(" ".join(str(english).split()).encode()).hexdigest()[:12]


def catalog_path(lang):
    return SITE_SRC / f"{lang}.yaml"


def load(lang, path=None):
    """{key: entry} of LANG.yaml; every entry has `en` (a fingerprint) and `ko` (the text), or whatever the
    language's code is. CannotGenerate names the file and the entry that is malformed."""
    path = path or catalog_path(lang)
    try:
        data = yaml.safe_load(path.read_text()) or {}
    except FileNotFoundError:
        raise CannotGenerate(f"no {relative(str(path))}: the {lang} pages have no text")
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise CannotGenerate(f"{relative(str(path))}:{mark.line + 1 if mark else 1}: not YAML: "
                             f"{getattr(error, 'problem', error)}")
    if not isinstance(data, dict):
        raise CannotGenerate(f"{relative(str(path))}:1: expected a mapping of entries")
    for key, entry in data.items():
        # the fingerprint quoted: twelve hex digits can read as a YAML number (123456789012)
        if not isinstance(entry, dict) or not isinstance(entry.get("en"), str) or \
                not re.fullmatch(r"[0-9a-f]{12}", entry["en"]) or not isinstance(entry.get(lang), str):
            raise CannotGenerate(f"{relative(str(path))}: entry {key}: expected `en:` (the 12-digit fingerprint of "
                                 f"the English it translates, quoted) and `{lang}:` (the translation)")
    return data


class Translator:
    """The text of one language. English is the identity; another language looks each English text up by its key,
    uses the translation only when the fingerprint it records is the English's own, and remembers every key asked
    for with the English it was asked for, for the check (problems())."""

    def __init__(self, lang="en", path=None, phrases=PHRASES):
        self.lang = lang
        self.path = path or catalog_path(lang)
        self.entries = load(lang, self.path) if lang != "en" else {}
        self.asked = {}                 # key -> the English it translates, as the pages ask for it now
        self.blocks = set()             # the keys of template blocks (their expressions are checked)
        self.conflicts = []
        for key, english in phrases.items():     # every phrase the code can show, whether or not it does
            self.note(key, english)

    @property
    def english(self):
        return self.lang == "en"

    def note(self, key, english):
        if self.english:
            return
        if key in self.asked and fingerprint(self.asked[key]) != fingerprint(english):
            self.conflicts.append(f"{key} is asked for two English texts: {self.asked[key]!r} and {english!r}")
        self.asked.setdefault(key, english)

    def entry(self, key, english):
        """The entry that translates `english` under `key`, or None when there is none or it is stale."""
        self.note(key, english)
        if self.english:
            return None
        entry = self.entries.get(key)
        return entry if entry and entry["en"] == fingerprint(english) else None

    def text(self, key, english, **values):
        """The translation of `english` (the English itself when there is no fresh one), {name}s filled in."""
        entry = self.entry(key, english)
        out = entry[self.lang] if entry else english
        return out.format(**values) if values else out

    def phrase(self, key, **values):
        """One of the code's phrases (phrases.py) in this language."""
        return self.text(key, PHRASES[key], **values)

    def block(self, key, english):
        """A template block's source in this language (see TranslatedBlocks)."""
        self.blocks.add(key)
        entry = self.entry(key, english)
        return entry[self.lang] if entry else english

    def problems(self):
        """One line for each stale, missing, unused or inconsistent entry, naming it."""
        where = relative(str(self.path))
        out = list(self.conflicts)
        for key, english in self.asked.items():
            entry = self.entries.get(key)
            now = fingerprint(english)
            shown = " ".join(english.split())
            shown = shown if len(shown) <= 160 else shown[:157] + "..."
            if entry is None:
                out.append(f"{where}: {key} is missing: no translation of the English {shown!r} (fingerprint {now})")
            elif entry["en"] != now:
                out.append(f"{where}: {key} is stale: its English changed after it was translated (recorded "
                           f"{entry['en']}, the English now {now}): translate it again from {shown!r} and record "
                           f"en: {now}")
            else:
                pattern = EXPRESSION if key in self.blocks else PLACEHOLDER
                ours = sorted(" ".join(e.split()) for e in pattern.findall(english))
                theirs = sorted(" ".join(e.split()) for e in pattern.findall(entry[self.lang]))
                if ours != theirs:
                    lost = [e for e in ours if e not in theirs]
                    added = [e for e in theirs if e not in ours]
                    out.append(f"{where}: {key}: the translation does not fill in what the English does (left "
                               f"out: {', '.join(lost) or 'nothing'}; added: {', '.join(added) or 'nothing'})")
        for key in self.entries:
            if key not in self.asked:
                out.append(f"{where}: {key} is unused: no page asks for it any more (its English is gone); delete it")
        return out


ENGLISH = Translator()


class TranslatedBlocks(jinja2.ext.Extension):
    """{% tr "KEY" %}English{% endtr %} in a template becomes the English in the English environment and the
    translation in another (the environment's `translator`), before the template is compiled: the translated
    snippet sees every variable the English block sees. t("KEY", "English", ...) calls are registered here too, so
    that the check knows every phrase a template can ask for, not only those the pages reached."""

    def preprocess(self, source, name, filename=None):
        translator = getattr(self.environment, "translator", None)
        if translator is None:
            return source
        for key, english in PHRASE.findall(source):
            translator.note(key, english.replace('\\"', '"'))
        return BLOCK.sub(lambda match: translator.block(match.group(1), match.group(2)), source)
