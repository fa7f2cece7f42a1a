"""One language's edition of the site (issue 24): which pages it has, where they live, and the cases as its pages
show them. English is the whole site, at the site's root; another language has the start page, the glossary, the
page from the Python lesson to C, the report guide and the seed lessons, under its own folder (ko/), each page
linking the other language's page of the same name; a link to a page the edition does not have goes to the
English one."""
import re

from .model import ROLES
from .phrases import twin_key
from .translation import LANGUAGES, Translator

# The pages every edition has besides its case pages, and the folders whose case pages it has.
EDITION_PAGES = ("index.html", "python.html", "report.html", "glossary.html")
EDITION_FOLDERS = ("seed",)
SENTENCE = re.compile(r"(.+?[.!?])(\s|$)")


class Edition:
    def __init__(self, lang, cases):
        self.lang = lang
        self.translator = Translator(lang)
        self.name, self.folder = LANGUAGES[lang] if lang != "en" else ("English", "")
        if lang == "en":
            self.pages = None           # all of them
        else:
            self.pages = set(EDITION_PAGES) | {c.page for c in cases if c.folder in EDITION_FOLDERS}
        self._local = {}

    @property
    def english(self):
        return self.lang == "en"

    def has(self, page):
        """Does this edition have `page` (relative to the site's root, a #fragment or ?query allowed)?"""
        return self.pages is None or re.split(r"[#?]", page, 1)[0] in self.pages

    def translates(self, case):
        return not self.english and case.page in self.pages

    def case(self, case):
        """The case as this edition's pages show it."""
        if self.english:
            return case
        if case.name not in self._local:
            self._local[case.name] = LocalCase(case, self)
        return self._local[case.name]


class LocalCase:
    """A case in another language: its title, lesson, label, the reason for its label, its twins' names and its
    markers' notes translated (for a case whose page the edition has; a case it only links keeps its English
    title and lesson), the rest the case's own. Anything not named here is read from the case itself."""

    def __init__(self, case, edition):
        self._case, self._edition = case, edition
        tr, own = edition.translator, edition.translates(case)
        self.badge = tr.phrase(f"role.{case.role}.badge") if case.role in ROLES else case.badge
        self.title = tr.text(f"case.{case.name}.title", case.title) if own else case.title
        self.lesson = tr.text(f"case.{case.name}.lesson", case.lesson) if own else case.lesson
        self.role_reason = tr.text(f"case.{case.name}.why", case.role_reason) if own else case.role_reason
        first = SENTENCE.match(self.lesson)
        self.summary = first.group(1) if first else self.lesson
        self.local_markers = {}         # id() of the case's own marker -> this edition's
        self.markers = [self._marker(m, f"case.{case.name}.note.{k}", own) for k, m in enumerate(case.markers)]
        self.bug_markers = [self._marker(m, f"case.{case.name}.bug-note.{k}", own)
                            for k, m in enumerate(case.bug_markers)]

    def _marker(self, marker, key, own):
        local = dict(marker)
        if own and marker.get("note"):
            local["note"] = self._edition.translator.text(key, marker["note"])
        self.local_markers[id(marker)] = local
        return local

    @property
    def twins(self):
        return [(self._edition.case(other), self._edition.translator.phrase(twin_key(phrase)))
                for other, phrase in self._case.twins]

    @property
    def twin(self):
        return self._edition.case(self._case.twin) if self._case.twin else None

    def __getattr__(self, name):
        return getattr(self._case, name)

    def marker(self, marker):
        """This edition's form of one of the case's own markers."""
        return self.local_markers.get(id(marker), marker)


def localize_exercise(exercise, local, edition):
    """An exercise (exercise.exercise_of, built from the case itself) with what its answers show in the edition's
    language: the markers' notes, the twin, the reason for the label."""
    questions = []
    for question in exercise["questions"]:
        answer = dict(question["answer"])
        for field in ("markers", "bugs", "notes"):
            if field in answer:
                answer[field] = [local.marker(m) for m in answer[field]]
        if "twin" in answer:
            answer["twin"] = edition.case(answer["twin"])
        if "why" in answer:
            answer["why"] = local.role_reason
        questions.append(dict(question, answer=answer))
    return {"questions": questions}
