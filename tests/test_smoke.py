"""The language contract and the standard library compile clean."""

from reformlang.driver import compile_path


def test_contract_checks_clean(contract_path):
    comp = compile_path(contract_path)
    assert comp.ok, [d.message for d in comp.diagnostics]
    init = comp.spec.initiatives[0]
    assert [lv.id for lv in init.levels] == ["ministry", "districts", "schools"]
    assert comp.spec.frameworks == ("big_ideas", "lftm", "networks")


def test_a_spec_may_add_words_in_its_own_file():
    from reformlang.driver import compile_source
    from reformlang.source import SourceFile

    text = """vocabulary outcome { word financial_literacy "Financial literacy" {} }

initiative money "Money sense" {
  priority p "P" { outcome: financial_literacy }
}
"""
    comp = compile_source(SourceFile("own.reform", text))
    assert comp.ok, [d.message for d in comp.diagnostics]
    assert comp.spec.initiatives[0].priorities[0].outcome == ("financial_literacy",)
