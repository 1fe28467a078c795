"""Rules for the `lftm` framework, and the pieces of their messages that more than one of them says."""

from reformlang.i18n import Msg, msg

# A piece of work's kind (analysis.Work.kind), as a finding names it.
_KINDS = {"priority": msg("priority"), "strategy": msg("strategy"), "network": msg("network")}


def kind(work) -> str:
    """`priority`, `strategy` or `network`, translatable."""
    return _KINDS.get(work.kind, work.kind)


def money_share(got: float, money, share: float | None = None) -> Msg:
    """"4,000,000 of the 95,000,000 CAD (4.2%)": what part of the stated money (an analysis MoneyView)
    `got` is; `share` when the caller has it already (the analysis's own share of a tier)."""
    return msg("{got:,.0f} of the {total:,.0f} {currency} ({share:.1%})", got=got, total=money.total,
               currency=money.currency, share=got / money.total if share is None else share)
