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
