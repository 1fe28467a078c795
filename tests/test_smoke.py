"""The language contract and the standard library compile clean."""

from reformlang.driver import compile_path


def test_contract_checks_clean(contract_path):
    comp = compile_path(contract_path)
    assert comp.ok, [d.message for d in comp.diagnostics]
    init = comp.spec.initiatives[0]
    assert [lv.id for lv in init.levels] == ["ministry", "districts", "schools"]
    assert comp.spec.frameworks == ("big_ideas", "lftm", "networks")
