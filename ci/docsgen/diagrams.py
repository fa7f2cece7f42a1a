"""Drawing the diagrams: a parsed report becomes a layout (lanes, marks, edges, labels in SVG user units) that
templates/diagram.svg renders. Every label is at least MIN_FONT units and the page never scales a diagram
down (it scrolls sideways in its box instead), so no label renders below 11 px."""
import math
import pathlib
import re
import unicodedata

from .model import family, innermost, relative
from .translation import ENGLISH

MIN_FONT = 12
LANE_H, TOP, NAME_W = 96, 56, 64
# Average glyph widths (user units) of the diagram's fonts, generous, for keeping labels inside the drawing.
CHAR_TITLE, CHAR_CAP, CHAR_MONO, CHAR_NOTE, CHAR_LEGEND = 9.6, 8.4, 8.0, 7.2, 6.8


def units(text):
    """How wide `text` is in the estimates below, in Latin glyphs: a wide glyph (Hangul, CJK) counts two, so that
    a label in Korean gets the room it takes."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in str(text))


def short_thread(name):
    if not name:
        return "?"
    if name in ("main thread", "thread T0"):
        return "main"
    return name.replace("thread ", "")


def frame_href(frame, case, prefix):
    """Where a frame's line lives on the site: this page's listing, the casebook.h page, or nowhere."""
    if not frame or not frame.get("file") or not frame.get("line"):
        return None
    path = relative(frame["file"])
    if frame.get("in_case") or path == relative(str(case.source)):
        return f"#L{frame['line']}"
    if path == "cases/casebook.h":
        return f"{prefix}casebook.h.html#L{frame['line']}"
    return None


def frame_label(frame, tr=ENGLISH):
    if frame is None:
        return tr.phrase("diagram.no-stack")
    return f"{pathlib.Path(frame['file']).name}:{frame['line']}"


class Layout:
    def __init__(self, report, width, subtitle=""):
        self.width, self.height = width, 0
        self.title, self.subtitle = report["kind"], subtitle
        self.lanes, self.marks, self.edges, self.texts, self.nodes = [], [], [], [], []
        self.lane_names, self.lane_right = [], None
        self.legend, self.legend_narrow, self.label = [], None, report["kind"]

    def lane_y(self, index):
        return TOP + index * LANE_H + LANE_H // 2

    def add_lanes(self, names, right=None):
        self.lane_names, self.lane_right = [short_thread(n) for n in names], right
        self.height = max(self.height, TOP + len(names) * LANE_H + 48)

    def fit(self, x, text, per_char):
        """Widen the drawing so that `text`, centred on x, stays inside it (an estimate from its font)."""
        self.width = max(self.width, round(x + units(text) * per_char / 2 + 10))

    def mark(self, x, y, shape, caption, frame, note, case, prefix, tr=ENGLISH):
        below = " · ".join(p for p in (tr.phrase("diagram.in-function", function=frame["function"]) if frame else "",
                                       note) if p)
        self.marks.append({"x": round(x), "y": y, "shape": shape, "caption": caption, "loc": frame_label(frame, tr),
                           "href": frame_href(frame, case, prefix), "note": below})
        for text, per_char in ((caption, CHAR_CAP), (frame_label(frame, tr), CHAR_MONO), (below, CHAR_NOTE)):
            self.fit(x, text, per_char)

    def as_dict(self):
        self.width = max(self.width, round(12 + units(self.title) * CHAR_TITLE),
                         round(12 + units(self.subtitle) * CHAR_NOTE),
                         *(round(12 + units(line) * CHAR_LEGEND) for line in self.legend))
        self.legend_narrow = self.legend_narrow or self.legend
        right = self.lane_right or self.width
        self.lanes = [{"y": TOP + i * LANE_H, "cy": self.lane_y(i), "h": LANE_H, "cls": f"lane{i % 2}", "name": name,
                       "x2": right - 14, "x1": NAME_W} for i, name in enumerate(self.lane_names)]
        return vars(self)


def held(access, tr=ENGLISH):
    mutexes = access.get("mutexes") if access else None
    return tr.phrase("diagram.holds", mutexes=mutexes) if mutexes else tr.phrase("diagram.holds-nothing")


def access_shape(access):
    if access.get("atomic"):
        return "atomic"
    return "write" if access.get("write") else "read"


def access_caption(access, section, tr=ENGLISH):
    first = section.get("frames") or [{}]
    if first[0].get("function") == "free":
        return tr.phrase("diagram.free", size=access.get("size"))
    words = ("previous-" if access.get("previous") else "") + ("atomic-" if access.get("atomic") else "")
    words = tr.phrase("diagram." + words + ("write" if access.get("write") else "read"))
    size = access.get("size")
    return tr.phrase("diagram.size-one" if size == 1 else "diagram.size", access=f"{words[:1].upper()}{words[1:]}",
                     size=size)


def location_caption(report):
    for section in report["sections"]:
        if section["kind"] == "location" and section.get("title"):
            return section["title"]
    return ""


def unordered_edge(layout, x1, y1, x2, y2, correct, tr=ENGLISH):
    """The dashed edge between two accesses. For correct code TSan flags (a false positive) the order exists,
    so the edge says that TSan cannot see it instead of 'no happens-before'."""
    mx, my = (x1 + x2) / 2, (y1 + y2) / 2
    reach = max(40, (x2 - x1) / 2.5)
    label = tr.phrase("diagram.unseen") if correct else tr.phrase("diagram.no-hb")
    beside = y1 != y2
    lx = mx + 14 if beside else mx
    wide = units(label) * 7.6          # 13 px bold, generously
    if beside and lx + wide > layout.width - 8:
        lx = layout.width - 8 - wide
    # between two lanes the label sits in the band between the upper mark's last line (its note, 42 below the
    # lane's centre) and the lower lane's captions (16 above its centre): 60 below the upper lane, clear of both
    ly = min(y1, y2) + 60 if beside else my - 6
    layout.edges.append({"d": f"M{x1 + 11},{y1} C{x1 + reach:.0f},{y1} {x2 - reach:.0f},{y2} {x2 - 12},{y2}",
                         "cls": "unseen" if correct else "nohb", "arrow": "arrow-unseen" if correct else "arrow-nohb",
                         "label": label, "lx": round(lx), "ly": round(ly),
                         "anchor": "start" if beside else "middle", "ends": [(x1, y1), (x2, y2)]})


def legend_dash(correct, tr=ENGLISH):
    return tr.phrase("diagram.legend-unseen") if correct else tr.phrase("diagram.legend-nohb")


def race_layout(report, case, prefix, correct, tr=ENGLISH):
    """Data race: the two accesses on their threads' lanes, what each held, and the edge TSan could not find."""
    accesses = [s for s in report["sections"] if s["kind"] == "access" and s.get("access")]
    current = next((s for s in accesses if not s["access"]["previous"]), None)
    previous = next((s for s in accesses if s["access"]["previous"]), None)
    pair = [s for s in (previous, current) if s]
    names = list(dict.fromkeys(s["access"]["thread"] for s in pair))
    layout = Layout(report, 500, location_caption(report))
    layout.add_lanes(names)
    points = []
    for section, x in zip(pair, (175, 385) if len(pair) == 2 else (280,)):
        access = section["access"]
        y = layout.lane_y(names.index(access["thread"]))
        points.append((x, y))
        frame = innermost(section["frames"]) or innermost(section["frames"], False)
        layout.mark(x, y, access_shape(access), access_caption(access, section, tr), frame, held(access, tr), case,
                    prefix, tr)
    if previous and current:
        (x1, y1), (x2, y2) = points
        unordered_edge(layout, x1, y1, x2, y2, correct, tr)
    layout.legend = [tr.phrase("diagram.legend-marks"), legend_dash(correct, tr)]
    layout.legend_narrow = [tr.phrase("diagram.legend-marks-down"), legend_dash(correct, tr)]
    layout.label = tr.phrase("diagram.race-label", kind=report["kind"],
                             threads=", ".join(short_thread(n) for n in names))
    return layout


def toward(point, target, distance):
    """point moved `distance` toward target (an edge's end pulled back to the rim of its node)."""
    dx, dy = target[0] - point[0], target[1] - point[1]
    length = math.hypot(dx, dy) or 1
    return point[0] + distance * dx / length, point[1] + distance * dy / length


def lock_order_layout(report, case, prefix, tr=ENGLISH):
    """Lock-order inversion: each thread's two acquisitions on its lane, and the cycle of the lock order graph to
    the right of the lanes. The second acquisition is placed far enough from the first that their words (the
    captions, the file:line under them) do not meet."""
    steps, lanes = [], []
    sections = report["sections"]
    for i, section in enumerate(sections):
        match = re.match(r"Mutex (M\d+) acquired here while holding mutex (M\d+) in (.+?):?$", section["title"])
        if not match:
            continue
        taken, holding, thread = match.groups()
        if thread not in lanes:
            lanes.append(thread)
        before = None
        if i + 1 < len(sections) and sections[i + 1]["title"].startswith(f"Mutex {holding} previously acquired"):
            before = sections[i + 1]
        steps.append((thread, taken, holding, section, before))
    cycle = re.search(r"Cycle in lock order graph: (.*)", "\n".join(s["title"] for s in sections))
    nodes = list(dict.fromkeys(re.findall(r"M\d+", cycle.group(1)))) if cycle else []

    def half(caption, frame):
        """Half the width the words of a mark take (Layout.mark writes them), the widest of its lines."""
        note = tr.phrase("diagram.in-function", function=frame["function"]) if frame else ""
        return max(units(caption) * CHAR_CAP, units(frame_label(frame, tr)) * CHAR_MONO,
                   units(note) * CHAR_NOTE) / 2

    first_x, gap = 190, 180
    for thread, taken, holding, section, before in steps:
        if before:
            gap = max(gap, half(tr.phrase("diagram.lock", mutex=holding), innermost(before["frames"])) +
                      half(tr.phrase("diagram.lock-holding", taken=taken, holding=holding),
                           innermost(section["frames"])) + 24)
    second_x = round(first_x + gap)
    right = second_x + 100                      # the lanes end here; the graph is drawn to their right
    layout = Layout(report, right + 290, cycle.group(0) if cycle else "")
    layout.add_lanes(lanes, right=right)
    layout.height = max(layout.height, 270)
    for thread, taken, holding, section, before in steps:
        y = layout.lane_y(lanes.index(thread))
        if before:
            layout.edges.append({"line": True, "x1": first_x, "y1": y, "x2": second_x + 15, "y2": y,
                                 "cls": "holding"})
            layout.mark(first_x, y, "lock", tr.phrase("diagram.lock", mutex=holding), innermost(before["frames"]), "",
                        case, prefix, tr)
        layout.mark(second_x, y, "lock", tr.phrase("diagram.lock-holding", taken=taken, holding=holding),
                    innermost(section["frames"]), "", case, prefix, tr)
    layout.nodes, graph_edges = cycle_graph(nodes, steps, right + 150, TOP + (layout.height - TOP) // 2 - 10, tr)
    layout.edges += graph_edges
    layout.graph = {"nodes": nodes, "steps": steps}
    layout.legend = [tr.phrase("diagram.legend-lanes"), tr.phrase("diagram.legend-graph")]
    layout.legend_narrow = [tr.phrase("diagram.legend-lanes-down"), tr.phrase("diagram.legend-graph-below")]
    layout.label = tr.phrase("diagram.cycle-label", nodes=" ".join(nodes))
    return layout


def cycle_graph(nodes, steps, cx, cy, tr=ENGLISH, radius=62):
    """The lock order graph around (cx, cy): its mutexes on a circle, and for each acquisition "took B while
    holding A" an arrow A -> B bent outward, labelled with the thread and the line. (nodes, edges) for a layout."""
    positions = {}
    for k, node in enumerate(nodes):
        if len(nodes) == 2:
            positions[node] = (cx - radius if k == 0 else cx + radius, cy)
        else:
            angle = -math.pi / 2 + 2 * math.pi * k / len(nodes)
            positions[node] = (cx + radius * math.cos(angle), cy + radius * math.sin(angle))
    edges = []
    for thread, taken, holding, section, before in steps:
        if holding in positions and taken in positions:
            (x1, y1), (x2, y2) = positions[holding], positions[taken]
            mx, my = (x1 + x2) / 2, (y1 + y2) / 2
            dx, dy = x2 - x1, y2 - y1
            length = math.hypot(dx, dy) or 1
            qx, qy = mx + 44 * dy / length, my - 44 * dx / length
            (x1, y1), (x2, y2) = toward((x1, y1), (qx, qy), 22), toward((x2, y2), (qx, qy), 24)
            line = innermost(section["frames"])
            edges.append({"d": f"M{x1:.0f},{y1:.0f} Q{qx:.0f},{qy:.0f} {x2:.0f},{y2:.0f}", "cls": "order",
                          "arrow": "arrow-nohb", "label": tr.phrase("diagram.order-edge",
                          thread=short_thread(thread), line=line["line"]) if line else short_thread(thread),
                          "label_cls": "order-label",
                          "lx": round(qx), "ly": round(qy + (4 if dy else (-4 if dx > 0 else 14)))})
    return [{"x": round(x), "y": round(y), "name": node} for node, (x, y) in positions.items()], edges


def event_of(section, report, tr=ENGLISH):
    """A section as (order, lane, shape, caption, note) for the generic diagram, or None."""
    kind, title = section["kind"], section.get("title") or ""
    if kind in ("location", "sleep", "lock-cycle"):
        return None
    if kind == "thread-creation":
        match = re.match(r"Thread (T\d+).*created by (main thread|thread T\d+)", title)
        created, creator = (match.group(1), match.group(2)) if match else ("a thread", "main thread")
        return 0, creator, "event", tr.phrase("diagram.creates", thread=created), ""
    if kind == "mutex-creation":
        name = re.match(r"Mutex (M\d+)", title)
        return 1, None, "lock", tr.phrase("diagram.mutex-created", mutex=name.group(1) if name else "mutex"), ""
    if section.get("access"):
        access = section["access"]
        return (2 if access["previous"] else 4), access["thread"], access_shape(access), \
            access_caption(access, section, tr), held(access, tr)
    thread = re.search(r"by (main thread|thread T\d+)", title)
    caption = re.sub(r" (by|in) (main thread|thread T\d+).*", "", title).rstrip(":") or report["kind"]
    if caption == "and":
        caption = tr.phrase("diagram.locked-here" if report["kind"].startswith("destroy of a locked")
                            else "diagram.and-here")
    first = (section.get("frames") or [{}])[0].get("function")
    note = tr.phrase("diagram.calls", function=first) if kind == "stack" and first and \
        not section["frames"][0].get("in_case") else ""
    order = 2 if title.startswith("Previous") else 3 if kind == "other" else 4
    return order, thread.group(1) if thread else None, "event", caption[:44], note


def generic_layout(report, case, prefix, correct, tr=ENGLISH):
    events = []
    for section in report["sections"]:
        event = event_of(section, report, tr)
        if event and (innermost(section.get("frames") or []) or innermost(section.get("frames") or [], False)):
            events.append((event, section))
    events.sort(key=lambda item: item[0][0])
    unnamed = "thread"              # the report does not name the thread of a bare stack
    lanes = list(dict.fromkeys((lane or unnamed) for (order, lane, *_), _s in events))
    for section in report["sections"]:            # a created thread gets its lane even when it did nothing shown
        match = re.match(r"Thread (T\d+)", section.get("title") or "") if section["kind"] == "thread-creation" else None
        if match and f"thread {match.group(1)}" not in lanes:
            lanes.append(f"thread {match.group(1)}")
    lanes = lanes or [unnamed]
    # each event 220 units after the one before, or further when their words (Layout.mark's three lines) need it
    frames = [innermost(section["frames"]) or innermost(section["frames"], False) for _event, section in events]
    halves = [max(units(caption) * CHAR_CAP, units(frame_label(frame, tr)) * CHAR_MONO,
                  units(" · ".join(p for p in (tr.phrase("diagram.in-function", function=frame["function"])
                                               if frame else "", note) if p)) * CHAR_NOTE) / 2
              for ((_order, _lane, _shape, caption, note), _section), frame in zip(events, frames)]
    xs = []
    for k, half in enumerate(halves):
        xs.append(280 if not k else round(xs[-1] + max(220, halves[k - 1] + half + 24)))
    layout = Layout(report, max(700, (xs[-1] + 160) if xs else 0), location_caption(report))
    layout.add_lanes(lanes)
    points = []
    for k, ((order, lane, shape, caption, note), section) in enumerate(events):
        x = xs[k]
        y = layout.lane_y(lanes.index(lane or unnamed))
        frame = frames[k]
        layout.mark(x, y, shape, caption, frame, note, case, prefix, tr)
        points.append((order, x, y, section))
        created = (re.match(r"Thread (T\d+)", section.get("title") or "")
                   if section["kind"] == "thread-creation" else None)
        if created and f"thread {created.group(1)}" in lanes:
            ty = layout.lane_y(lanes.index(f"thread {created.group(1)}"))
            if ty != y:
                layout.edges.append({"line": True, "x1": x, "y1": y + (9 if ty > y else -9), "x2": x + 40,
                                     "y2": ty - (12 if ty > y else -12), "cls": "hb", "arrow": "arrow-hb"})
    previous = [p for p in points if p[0] == 2]
    current = [p for p in points if p[0] in (3, 4) and (p[3].get("access") or "access" in p[3].get("title", ""))]
    if previous and current:
        unordered_edge(layout, previous[0][1], previous[0][2], current[-1][1], current[-1][2], correct, tr)
    if "thread leak" in report["kind"]:
        for i, name in enumerate(lanes):
            if name.startswith("thread T"):
                layout.texts.append({"x": layout.width - 20, "y": layout.lane_y(i) - 12, "cls": "note",
                                     "anchor": "end", "text": tr.phrase("diagram.never-joined")})
    layout.legend = [tr.phrase("diagram.legend-events"), tr.phrase("diagram.legend-hb")]
    layout.label = tr.phrase("diagram.events-label", kind=report["kind"],
                             lanes=", ".join(short_thread(n) for n in lanes))
    return layout


NARROW_WIDTH, NARROW_ROW = 360, 64


def wrap(text, width):
    """`text` as lines of at most `width` characters (units()), broken at spaces, and a word longer than a line
    broken where it must be."""
    lines, line = [], ""
    words = []
    for word in text.split():
        while units(word) > width > 0:
            cut = 1
            while units(word[:cut + 1]) <= width:
                cut += 1
            words.append(word[:cut])
            word = word[cut:]
        words.append(word)
    for word in words:
        if line and units(line) + 1 + units(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return lines + ([line] if line else [])


def narrow_layout(wide, column=46, char=CHAR_CAP):
    """The same events for a phone: one column per thread, time flowing down, the words to the right of the
    columns (wrapped to fit NARROW_WIDTH), and the unordered pair's label between its two events. A column is
    `column` units wide; a caption's glyphs `char` on average."""
    columns = wide["lane_names"]
    lane_of = {wide["lane_y"](i): i for i in range(len(columns))}
    text_x = 16 + column * len(columns)
    chars = int((NARROW_WIDTH - text_x - 8) / char)
    title = wrap(wide["title"], int((NARROW_WIDTH - 24) / CHAR_TITLE))
    subtitle = wrap(wide["subtitle"], int((NARROW_WIDTH - 24) / CHAR_NOTE))
    y = 26 + 20 * len(title) + 17 * len(subtitle) + 30
    top = y - 18
    marks, texts, edges, where = [], [], [], {}
    labels = {tuple(e["ends"][0]): e for e in wide["edges"] if e.get("ends")}
    for mark in sorted(wide["marks"], key=lambda m: m["x"]):
        x = 16 + column * lane_of.get(mark["y"], 0) + column // 2 - 8
        where[(mark["x"], mark["y"])] = (x, y)
        lines = [("cap", line) for line in wrap(mark["caption"], chars)]
        lines += [("loc", mark["loc"])] + [("note", line) for line in wrap(mark["note"], int(chars * 1.15))]
        marks.append(dict(mark, x=x, y=y, text=[{"cls": cls, "text": text, "y": y + 5 + 17 * k}
                                                for k, (cls, text) in enumerate(lines)]))
        y += max(NARROW_ROW, 17 * len(lines) + 14)
        edge = labels.get((mark["x"], mark["y"]))
        if edge:
            texts.append({"x": text_x, "y": y - 4, "cls": f"edge-label {edge['cls']}-label", "anchor": "start",
                          "text": f"↓ {edge['label']}"})
            edges.append({"edge": edge, "from": (mark["x"], mark["y"])})
            y += 24
    paths = []
    for item in edges:
        edge = item["edge"]
        start, end = where.get(tuple(edge["ends"][0])), where.get(tuple(edge["ends"][1]))
        if start and end:
            (x1, y1), (x2, y2) = start, end
            paths.append({"d": f"M{x1},{y1 + 10} C{x1},{(y1 + y2) / 2:.0f} {x2},{(y1 + y2) / 2:.0f} {x2},{y2 - 12}",
                          "cls": edge["cls"], "arrow": edge["arrow"]})
    legend = [line for text in wide["legend_narrow"] for line in wrap(text, 52)]
    height = y + 12 + 17 * len(legend)
    return {"width": NARROW_WIDTH, "height": height, "title": title, "subtitle": subtitle, "label": wide["label"],
            "columns": [{"x": 16 + column * i + column // 2 - 8, "name": name, "y1": top,
                         "y2": y - 6, "cls": f"lane{i % 2}", "x0": 16 + column * i - 8}
                        for i, name in enumerate(columns)],
            "text_x": text_x, "marks": marks, "texts": texts, "edges": paths, "legend": legend, "column": column,
            "legend_y": y + 14, "top": top}


def narrow_lock_order(wide, lane_y, tr=ENGLISH):
    """The lock-order diagram for a phone: each thread's acquisitions as a column, time flowing down
    (narrow_layout), then the lock order graph under them, centred."""
    narrow = narrow_layout(dict(wide, lane_y=lane_y))
    graph = wide["graph"]
    top = narrow["legend_y"] + 6
    cy = top + 70
    narrow["nodes"], narrow["graph_edges"] = cycle_graph(graph["nodes"], graph["steps"], NARROW_WIDTH // 2, cy, tr)
    shift = 172
    narrow["legend_y"] += shift
    narrow["height"] += shift
    return narrow


def layout_of(report, case, prefix, tr=ENGLISH):
    """The diagram's layouts for one report of a case (whose role decides how an unordered pair is labelled):
    (wide, narrow), narrow None where there is no narrow form (the lock order graph)."""
    correct = case.role in ("false-positive", "rewrite", "fix")
    accesses = [s for s in report["sections"] if s["kind"] == "access" and s.get("access")]
    if family(report["kind"]) == "lock-order-inversion":
        layout = lock_order_layout(report, case, prefix, tr)
        wide = layout.as_dict()
        return wide, narrow_lock_order(wide, layout.lane_y, tr)
    if family(report["kind"]) == "data race" and accesses:
        layout = race_layout(report, case, prefix, correct, tr)
    else:
        layout = generic_layout(report, case, prefix, correct, tr)
    wide = layout.as_dict()
    return wide, narrow_layout(dict(wide, lane_y=layout.lane_y))
