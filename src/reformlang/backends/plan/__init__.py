"""Implementation plans: a spec and its review laid out as Markdown or a self-contained HTML page, from Jinja2 templates."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
from markupsafe import Markup

from reformlang.errors import UserError
from reformlang.paper import css, widest
from reformlang.semantics import model
from reformlang.visible import visible

if TYPE_CHECKING:
    from reformlang.lint.report import Review

FORMATS = ("md", "html")
TEMPLATES = Path(__file__).resolve().parent / "templates"
TEMPLATE_NAMES = {"md": "plan.md.j2", "html": "plan.html.j2"}

# Characters that Markdown would read as syntax inside a line of prose or a table cell.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~])")


def md_escape(value) -> str:
    """Escape a value for Markdown: a title with `|`, `*`, `<` or `#` reads as typed, and breaks no table."""
    if isinstance(value, Markup):
        return str(value)
    text = visible(str(value).replace("\r", " ").replace("\n", " "))
    text = _MD_SPECIAL.sub(r"\\\1", text.replace("&", "&amp;"))
    return text


def md_prose(value) -> Markup:
    """A checker message for Markdown: its `code` spans kept as code, the rest escaped."""
    parts = str(value).replace("\n", " ").split("`")
    if len(parts) % 2 == 0:  # an unbalanced backtick: no code spans, all text
        return Markup(md_escape(value))
    return Markup("".join(md_escape(p) if k % 2 == 0 else f"`{visible(p)}`" for k, p in enumerate(parts)))


def html_prose(value) -> Markup:
    """A checker message for HTML: its `code` spans as <code>, everything escaped."""
    from markupsafe import escape

    parts = visible(str(value), keep="\n").split("`")
    if len(parts) % 2 == 0:
        return escape(visible(str(value), keep="\n"))
    return Markup("").join(escape(p) if k % 2 == 0 else Markup("<code>%s</code>") % p for k, p in enumerate(parts))


def _html_visible(value):
    return value if isinstance(value, Markup) or not isinstance(value, str) else visible(value, keep="\n")


def environment(fmt: str, templates: Path | None = None):
    """A Jinja2 environment that fails loudly on a missing name and escapes every value it prints.

    One per format and templates folder for the life of the process: Jinja keeps each template it
    compiles (recompiling one whose file changed), and a build renders the same templates for every
    spec (compiling them took about a third of rendering the plans)."""
    return _environment(fmt, str(templates) if templates else None)


@functools.lru_cache(maxsize=8)
def _environment(fmt: str, templates: str | None):
    import jinja2

    loaders = [jinja2.FileSystemLoader(str(templates))] if templates else []
    loaders.append(jinja2.FileSystemLoader(str(TEMPLATES)))
    # jinja2.ext.i18n gives templates `{% trans %}`; `_`, `gettext` and `ngettext` are ours (below).
    options = dict(loader=jinja2.ChoiceLoader(loaders), undefined=jinja2.StrictUndefined,
                   keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True, extensions=["jinja2.ext.i18n"])
    if fmt == "html":
        # Every value is made visible (control and bidirectional characters as escapes), then escaped.
        env = jinja2.Environment(autoescape=True, finalize=_html_visible, **options)
        env.filters["prose"] = html_prose
        _install_gettext(env, lambda v: _html_visible(v) if isinstance(v, str) else v, html=True)
        return env
    # Markdown has no autoescape of its own: every `{{ value }}` passes through md_escape on its way out.
    env = jinja2.Environment(autoescape=False, finalize=md_escape, **options)
    env.filters["prose"] = md_prose
    _install_gettext(env, md_escape, html=False)
    return env


def _install_gettext(env, escape_value, html: bool) -> None:
    """`_("Owner: %(name)s", name=x)` in a template: the message in the current language (ours, so
    trusted: Markup, not escaped again on its way out), with each value escaped for the format."""
    from markupsafe import escape

    from reformlang import i18n

    def fill(text: str, values: dict) -> Markup:
        if html:
            # The message is escaped too (a template may pass it a spec's own text), keeping the one tag
            # the shipped messages use, <strong>; its values are escaped by Markup's %.
            own = Markup(str(escape(text)).replace("&lt;strong&gt;", "<strong>").replace("&lt;/strong&gt;", "</strong>"))
            return own % {k: escape_value(v) for k, v in values.items()} if values else own
        return Markup(text % {k: escape_value(v) if isinstance(v, str) else v for k, v in values.items()}
                      if values else text)

    def gettext(message: str, **values) -> Markup:
        return fill(i18n._(message), values)

    def ngettext(singular: str, plural: str, n: int, **values) -> Markup:
        return fill(i18n.ngettext(singular, plural, n), {"num": n, **values})

    env.globals.update(_=gettext, gettext=gettext, ngettext=ngettext, colon=lambda: Markup(i18n.colon()))


# What fits a printed page with the diagrams' smallest text (9 pt) at 8 pt or more, in points: the width
# of the page less the plan's margins (12 mm portrait, 9 mm landscape), divided by 8/9 (reformlang.paper).
PORTRAIT, LANDSCAPE = widest("a4")


def svg_width(svg: str) -> float:
    """The natural width of an SVG Graphviz drew, in points."""
    m = re.search(r'<svg[^>]*\bwidth="([\d.]+)pt"', svg)
    return float(m.group(1)) if m else 0.0


def page_class(width: float, paper: str = "a4") -> str:
    """How a diagram prints on `paper`: on a portrait page, a landscape page, or too wide for either at 8 pt."""
    portrait, landscape = widest(paper)
    return "portrait" if width <= portrait else "wide" if width <= landscape else "huge"


def diagrams(spec: model.Spec, fmt: str, review: Review | None = None,
             paper: str = "a4") -> dict[str, dict[str, Markup]]:
    """Each initiative's four views, marked with the review's findings: Mermaid for Markdown, inline SVG for
    HTML, each drawn to print on `paper` with its text at 8 pt or more."""
    from reformlang import i18n
    from reformlang.backends import graph
    from reformlang.backends.findings import NONE, locate, marked

    out: dict[str, dict[str, Markup]] = {}
    landscape = widest(paper)[1]
    for ini in spec.initiatives:
        alone = attrs.evolve(spec, initiatives=(ini,))
        located = locate(alone, marked(_inside(ini, review.findings))) if review is not None else NONE
        views = {}
        for view in graph.VIEWS:
            if fmt == "md":
                views[view] = Markup(graph.render(alone, view, "mermaid", located))
            else:
                label = i18n._(graph.DIAGRAM_LABELS[view]) % {"title": ini.title or ini.id}
                svg = _fitted(alone, view, located, landscape)
                if view == "logic" and svg_width(svg) > landscape and len(ini.priorities) > 1:
                    # Too wide for a page: one logic model per priority, each with its own funding and means.
                    parts = []
                    for n, p in enumerate(ini.priorities):
                        one = attrs.evolve(alone, initiatives=(attrs.evolve(ini, priorities=(p,)),))
                        found = locate(one, marked(_inside(ini, review.findings))) if review is not None else NONE
                        parts.append(_inline_svg(_fitted(one, view, found, landscape), f"{ini.id}-p{n}-",
                                                 f"{label}{i18n.colon()}{p.title or p.id}", paper))
                    views[view] = Markup("".join(parts))
                else:
                    views[view] = Markup(_inline_svg(svg, f"{ini.id}-", label, paper))
        out[ini.id] = views
    return out


def _fitted(spec: model.Spec, view: str, located, landscape: float = LANDSCAPE) -> str:
    """A view drawn as SVG for a printed page: its usual direction, or turned (left to right instead of
    top to bottom, or the other way) when only that fits a landscape page with its text at 8 pt."""
    from reformlang.backends import graph
    from reformlang.backends.graph import dot

    svg = graph.render(spec, view, "svg", located).decode("utf-8")
    if svg_width(svg) <= landscape:
        return svg
    if view == "timeline":
        # Narrower years and names (a Letter page is narrower than an A4 one), while its text stays 9 pt.
        d = graph.diagram(spec, view, located)
        for year, name in ((48, 32), (40, 26), (34, 22)):
            svg = graph.run_dot(dot.emit_timeline(d, year, name), "svg").decode("utf-8")
            if svg_width(svg) <= landscape:
                break
        return svg
    d = graph.diagram(spec, view, located)
    turned = graph.run_dot(dot.emit(attrs.evolve(d, direction="TB" if d.direction == "LR" else "LR")), "svg")
    turned = turned.decode("utf-8")
    return turned if svg_width(turned) < svg_width(svg) else svg


def _inside(ini: model.Initiative, findings):
    """The findings within one initiative's block: its diagrams should not carry another's."""
    span = ini.span
    if span is None:
        return findings
    return tuple(d for d in findings
                 if d.span is not None and d.span.path == span.path and span.start <= d.span.start <= span.end)


def _inline_svg(svg: str, prefix: str, label: str, paper: str = "a4") -> str:
    """An SVG file as markup for an HTML page: no XML prolog or doctype; ids made unique per initiative; labelled."""
    from markupsafe import escape

    svg = svg[svg.index("<svg"):]
    svg = svg.replace("<svg", f'<svg role="img" class="{page_class(svg_width(svg), paper)}" '
                              f'aria-label="{escape(visible(label))}"', 1)
    svg = re.sub(r'\bid="', f'id="{prefix}', svg)
    svg = re.sub(r'(xlink:href|href)="#', rf'\1="#{prefix}', svg)
    return svg.replace("url(#", f"url(#{prefix}")


class TemplateProblem(UserError):
    """A template (most likely one given with --templates) that cannot be read or rendered."""


def render_plan(spec: model.Spec, fmt: str, review: Review, templates: Path | None = None,
                lang: str = "en", simulation: dict[str, dict] | None = None, paper: str = "a4") -> str:
    """The plan of a spec in `fmt` (md or html), in language `lang` (its `<html lang>`). HTML needs
    Graphviz's `dot` for its diagrams.

    `simulation` maps an initiative's id to what its simulation said (`plot`,
    a path relative to the plan; `headline`, `notes`, `runs`, `years`): the plan
    then has a simulation section for it. `paper` (a4 or letter) is the page the HTML prints on.
    """
    from reformlang.backends.plan.context import build_context

    from reformlang.backends import words

    context = build_context(spec, review, lang)
    for ini in context["initiatives"]:
        sim = (simulation or {}).get(ini["id"])
        ini["simulation"] = None if sim is None else {**sim, "plot": Markup(sim["plot"])}
    context["paper"] = css(paper)
    with words.titles_of(spec.library):
        context["diagrams"] = diagrams(spec, fmt, review, paper)
    return render_template(TEMPLATE_NAMES[fmt], fmt, context, templates)


def render_template(name: str, fmt: str, context: dict, templates: Path | None = None) -> str:
    """Render one of the shipped templates (or its replacement in `templates`) with `context`."""
    import jinja2

    try:
        template = environment(fmt, templates).get_template(name)
        return template.render(**context)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateProblem(f"{exc.filename or name}:{exc.lineno}: template syntax error: {exc.message}") from exc
    except jinja2.UndefinedError as exc:
        # StrictUndefined: a template that names something the plan does not have fails here, loudly.
        raise TemplateProblem(f"{name}: {exc.message}; the names a template may use are listed in "
                              "docs/backends.md") from exc
