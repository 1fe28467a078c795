"""BI017: flags a design whose indicators watch only the average, not the gap between high and low performers."""

from __future__ import annotations

from reformlang.checks.facts import listing, span_of
from reformlang.checks.rule import Rule, RuleDocs
from reformlang.i18n import Msg, msg


class GapNotWatched(Rule):
    code = "BI017"
    name = "gap-not-watched"
    principle = "big_ideas.all_means_all"
    summary = ("No indicator `tracks: gap`: the design watches only the average, not the gap between high and "
               "low performers.")
    plain = "watch the gap between the strongest and the weakest schools, not only the average"
    docs = RuleDocs(
        what="An initiative whose indicators all say what they track and none `tracks: gap`. When an indicator "
             "does not say what it tracks (it may be the one that watches the gap), the principle is not "
             "assessed.",
        why="\"All means all\" is one of the seven big ideas for whole-system change that \"Leadership from "
            "the Middle\" (Fullan, Education Canada, 2015) lists by title. \"Leadership from the Middle\" "
            "(Fullan, 2015) tells of New Zealand's Tomorrow's Schools (1989), where overall performance "
            "did not improve while the gap between high- and low-performing schools widened, which an "
            "average alone would not show. Asking for an indicator that tracks the gap is reformlang's "
            "own reading.",
        weak="""\
priority literacy "Reading by Grade 6" {
  indicator grade6_reading "Grade 6 reading" { baseline: 54% in 2026  target: 75% by 2031  tracks: average }
}""",
        strong="""\
priority literacy "Reading by Grade 6" {
  indicator grade6_reading "Grade 6 reading" { baseline: 54% in 2026  target: 75% by 2031  tracks: average }
  indicator reading_gap "Gap between the lowest and highest quartile of schools" {
    baseline: 30% in 2026
    target: 15% by 2031
    tracks: gap
  }
}""",
    )

    def check(self, facts):
        indicators = list(facts.indicators.values())
        if any(facts.has("tracks", i.tracks, "gap") for i in indicators):
            return
        saying = [i for i in indicators if i.tracks is not None]
        add = msg('add an indicator that watches the gap: `indicator reading_gap "..." {{ baseline: ...  '
                  "target: ...  tracks: gap }}`")
        if saying and len(saying) == len(indicators):  # one that does not say might watch the gap
            yield self.finding(
                msg("no indicator watches the gap between high and low performers; {ids} tracks the average only",
                    ids=listing([i.id for i in saying])) if len(saying) == 1 else
                msg("no indicator watches the gap between high and low performers; {ids} track the average only",
                    ids=listing([i.id for i in saying])), saying[0].header, add,
                # The word as written; French shows the library's words (`average`) by their French names.
                [(span_of(i, "tracks"), msg("`{id}` tracks {tracks}", id=i.id, tracks=Msg(i.tracks)))
                 for i in saying[1:]],
            )
        else:
            yield self.not_assessed(
                msg("the spec does not say whether any indicator watches the gap between high and low "
                    "performers; state what each tracks (`tracks: gap` or `tracks: average`) so that all means "
                    "all can be assessed"), indicators[0].header if indicators else facts.header, add,
            )
