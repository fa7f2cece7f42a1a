"""The phrases the generator's code puts on the pages (diagram labels, the exercise's questions, a verdict's words),
in English, each under the key its translations use (translation.py). They live here, not beside the code that uses
them, so that every phrase a page can show is known before any page is built: an edition in another language is
checked for all of them, including those only a case outside its pages would reach. {name}s are filled in with
str.format()."""
from .model import ROLES, SLEEP_NOTE


def twin_key(phrase):
    """The key of a twin phrase: 'the bug it fixes (TSan misses it)' -> twin.the-bug-it-fixes-TSan-misses-it."""
    return "twin." + "-".join("".join(c if c.isalnum() else " " for c in phrase).split())


PHRASES = {
    # the pages every edition has: their titles, in the pager and the window's title (pages.py)
    "page.start": "Start",
    "page.python": "From the Python lesson to C",
    "page.report": "How to read a TSan report",
    "page.glossary": "Glossary",
    "nav.start": "Start page",
    # what each page is about, for search engines (<meta name="description">)
    "description.site": "ThreadSanitizer, case by case: small C programs, each one synchronization mistake or its "
                        "fix, run under TSan to show what it reports and why.",
    "description.index": "{count} small C programs, each one synchronization mistake or its fix, run under "
                         "ThreadSanitizer (TSan) to show what it reports and why: a path of lessons with exercises, "
                         "starting from a lost update.",
    "description.report": "How to read a ThreadSanitizer report, part by part, on a real report: the headline, the "
                          "two accesses and their stacks, the mutexes held, the threads and the summary line.",
    "description.python": "The seed's Python lesson (threading.Lock, a ThreadPoolExecutor of two workers) beside "
                          "the C cases that retell it, line by line.",
    "description.glossary": "The words of these pages: race condition, data race, happens-before, mutex, "
                            "semaphore, deadlock, atomic, memory order, and the harness's own words.",
    # the exercise (exercise.py)
    "exercise.which-line": "Which line will TSan name, and which kind?",
    "exercise.anything": "Will TSan say anything?",
    "exercise.smallest-fix": "What is the smallest change that fixes it?",
    "exercise.smallest-rewrite": "What is the smallest change that lets TSan follow it?",
    "exercise.what-missed": "What does TSan miss here, and why?",
    "exercise.why-flagged": "Why does TSan report this correct code?",
    # the step-throughs (steps.py, the case page)
    "steps.tsan-reported": "reported {what} in this run.",
    "steps.tsan-silent": "reported nothing in this run.",
    "steps.tsan-unknown": "could not be run here: {outcome}.",
    "steps.diagram-verdict": "TSan {said}",
    "steps.line": "line {line}",
    "steps.diagram-label": "the interleaving of {threads}, step by step",
    "steps.legend": "time flows down · ✕ where it goes wrong · each step links its line",
    # what a case's run reported, in a sentence (pages.py)
    "verdict.reported": "reported {what}",
    "verdict.at-line": "{kind} at line {line}",
    "verdict.no-report": "no report",
    "matrix.on": "{what} on {toolchains}",
    "matrix.same": "Every toolchain and level reported the same as this page's run.",
    "report.threads": ("Thread names ({names}) are this run's own: TSan numbers threads as they are created "
                       "(T0 is main); which worker runs which update can change from run to run."),
    "report.sleep": SLEEP_NOTE,
    # the tooltips on the lines of a listing (pages.py)
    "code.marker": "marker: expect {kind}",
    "code.frame-of": "frame of: {what}",
    "code.stack": "stack",
    # the side by side of twins (pages.py)
    "twins.mistake-and-fix": "The mistake and its fix",
    "twins.two-ways": "Two ways to write it",
    "twins.side.mistake": "the mistake",
    "twins.side.miss": "the bug",
    "twins.side.false-positive": "TSan flags this",
    "twins.side.fix": "the fix",
    "twins.side.rewrite": "TSan can follow this",
    "twins.side.tool": "the case",
    "twins.scaffolding": "scaffolding, not the fix: casebook.h's {names}",
    # what each label means (the start page)
    "role.mistake.text": "buggy code, and TSan reports it",
    "role.fix.text": "the mistake corrected; TSan reports nothing",
    "role.false-positive.text": "correct code that TSan reports anyway (it cannot see the order the code has)",
    "role.rewrite.text": "correct code TSan flags, rewritten in a form TSan can follow",
    "role.miss.text": "a real bug that TSan does not report",
    "role.tool.text": "neither mistake nor fix: what TSan does with a feature of C or of its own",
    # the diagrams (diagrams.py)
    "diagram.write": "write",
    "diagram.read": "read",
    "diagram.atomic-write": "atomic write",
    "diagram.atomic-read": "atomic read",
    "diagram.previous-write": "previous write",
    "diagram.previous-read": "previous read",
    "diagram.previous-atomic-write": "previous atomic write",
    "diagram.previous-atomic-read": "previous atomic read",
    "diagram.size": "{access}, {size} bytes",
    "diagram.size-one": "{access}, 1 byte",
    "diagram.free": "free() of the block, {size} bytes",
    "diagram.holds": "holds {mutexes}",
    "diagram.holds-nothing": "holds no mutex",
    "diagram.in-function": "in {function}()",
    "diagram.no-stack": "no stack",
    "diagram.no-hb": "no happens-before",
    "diagram.unseen": "an order TSan cannot see",
    "diagram.legend-marks": "● write  ○ read  ◆ atomic · time flows left to right",
    "diagram.legend-marks-down": "● write  ○ read  ◆ atomic · time flows top to bottom",
    "diagram.legend-unseen": "dashed: an order the program has and TSan does not model",
    "diagram.legend-nohb": "dashed: the order TSan found no synchronization for",
    "diagram.race-label": "{kind} between {threads}",
    "diagram.lock": "lock {mutex}",
    "diagram.lock-holding": "lock {taken} holding {holding}",
    "diagram.order-edge": "{thread}, line {line}",
    "diagram.legend-lanes": "lanes: where each thread took its locks",
    "diagram.legend-graph": "right: the lock order graph, A → B for \"took B while holding A\"; a cycle can deadlock",
    "diagram.legend-lanes-down": "columns: where each thread took its locks, time flowing down",
    "diagram.legend-graph-below": ("below: the lock order graph, A → B for \"took B while holding A\"; a cycle can "
                                   "deadlock"),
    "diagram.cycle-label": "lock order cycle {nodes}",
    "diagram.creates": "creates {thread}",
    "diagram.mutex-created": "{mutex} created",
    "diagram.locked-here": "locked here",
    "diagram.and-here": "and here",
    "diagram.calls": "calls {function}",
    "diagram.never-joined": "finished, never joined nor detached",
    "diagram.legend-events": "events in the order they happened, as far as the report tells",
    "diagram.legend-hb": "solid arrow: happens-before",
    "diagram.events-label": "{kind} across {lanes}",
}

# The labels (model.ROLES): each label's badge, and how a twin link names a case of it (model.twin_phrase)
PHRASES.update({f"role.{role}.badge": names[1] for role, names in ROLES.items()})
PHRASES.update({twin_key(phrase): phrase for phrase in [names[2] for names in ROLES.values()] +
                ["the fix", "the mistake it fixes", "the bug it fixes (TSan misses it)"]})
