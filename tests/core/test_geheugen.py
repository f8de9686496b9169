"""A value computed once per object and tag."""

from gebied.core.geheugen import per_object


def test_a_value_is_computed_once_per_object_and_tag():
    calls: list[str] = []
    a, b = object(), object()
    assert per_object(a, "x", lambda: calls.append("a") or 1) == 1
    assert per_object(a, "x", lambda: calls.append("again") or 2) == 1  # kept
    assert per_object(b, "x", lambda: calls.append("b") or 3) == 3  # another object
    assert per_object(a, "y", lambda: calls.append("y") or 4) == 4  # another tag
    assert calls == ["a", "b", "y"]


def test_a_result_keeps_what_is_derived_from_it_without_changing_its_equality():
    from dataclasses import dataclass

    from gebied.core.geheugen import Afleidbaar

    @dataclass
    class Result(Afleidbaar):
        value: int

    calls: list[tuple] = []

    def make(*args):
        calls.append(args)
        return sum(args)

    a, b = Result(1), Result(1)
    assert a.afgeleid("som", make, 1, 2) == 3
    assert a.afgeleid("som", make, 5, 5) == 3  # kept: the tag names what it depends on
    assert a.afgeleid(("som", 2024), make, 5, 5) == 10  # another tag
    assert b.afgeleid("som", make, 2, 2) == 4  # another object keeps its own
    assert calls == [(1, 2), (5, 5), (2, 2)]
    assert a == b and repr(a).endswith("Result(value=1)")  # the kept values are no fields
