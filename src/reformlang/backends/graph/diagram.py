"""The neutral shape of a diagram (boxes, arrows, bands; or a timeline) that the DOT and Mermaid writers share.

Views build these from the model; writers turn them into text. Keeping the
two apart means a view is written once and both formats draw the same thing.
"""

from __future__ import annotations

from reformlang.records import record


@record
class Node:
    id: str  # snake_case, unique in the diagram
    title: str
    details: tuple[str, ...] = ()  # further lines under the title
    kind: str = "box"  # box, level, money, goal, vision, group, note, network, external
    findings: tuple[str, ...] = ()  # rule codes of findings on this element
    finding_text: str = ""  # the findings' messages, for a tooltip


@record
class Edge:
    source: str
    target: str
    label: str = ""
    style: str = "influence"  # influence, money, voice, learning, flow, member, plain
    both_ways: bool = False
    upward: bool = False  # drawn against the ranks (from a lower band to a higher one)
    findings: tuple[str, ...] = ()
    finding_text: str = ""


@record
class Band:
    """A group of nodes drawn side by side: a tier of the system, a column of the logic model."""

    id: str
    title: str
    nodes: tuple[str, ...]


@record
class Graph:
    id: str  # the view's name, prefixed to every id in DOT so several diagrams can share a page
    title: str
    direction: str  # TB or LR
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    bands: tuple[Band, ...] = ()
    legend: tuple[tuple[str, str], ...] = ()  # (edge style, meaning)
    notes: tuple[str, ...] = ()  # findings not tied to any element, and the like


@record
class Bar:
    """One row of a timeline: something that runs over years, or happens in one."""

    id: str
    section: str
    title: str
    start: int
    end: int
    detail: str = ""
    kind: str = "task"  # task, milestone
    findings: tuple[str, ...] = ()
    finding_text: str = ""


@record
class Timeline:
    id: str
    title: str
    bars: tuple[Bar, ...]
    notes: tuple[str, ...] = ()
    summary: str = ""  # set when the rows are counts (backends/graph/summary.py): said even where notes are not

    @property
    def years(self) -> tuple[int, ...]:
        if not self.bars:
            return ()
        return tuple(range(min(b.start for b in self.bars), max(b.end for b in self.bars) + 1))
