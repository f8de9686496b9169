"""The architecture holds: layers import only downwards, no circles, small modules, one language for names."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "gebied"
#: Bottom to top; a subpackage may import from its own layer and the layers below it.
LAYERS = ["core", "sources", "area", "toekomst", "bereik", "scenario", "maps", "verhaal", "werkplaats", "toegang",
          "export", "batch", "cli", "app"]
FACES = {"cli", "app"}
#: English words for the domain nouns that are Dutch in gebied's names (see README, "Naming").
ENGLISH_DOMAIN = {"story", "stories", "note", "notes", "reach", "coverage", "village", "villages", "facility",
                  "facilities", "profile", "factsheet", "package", "population", "forecast", "workshop", "region"}
MAX_MODULE_LINES = 350
MAX_PAGE_LINES = 250
MAX_FUNCTION_LINES = 60


def modules() -> list[Path]:
    return sorted(PKG.rglob("*.py"))


def module_name(path: Path) -> str:
    parts = path.relative_to(PKG.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else None


def imports(path: Path) -> set[str]:
    """Every gebied module this file imports, wherever the import stands (also inside functions).

    ``from gebied.x import y`` counts as an import of ``gebied.x.y`` where that is a module, else of ``gebied.x``.
    """
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("gebied"):
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                out.add(sub if is_module(sub) else node.module)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("gebied"))
    return out


def is_module(name: str) -> bool:
    base = PKG.parent / name.replace(".", "/")
    return base.with_suffix(".py").exists() or (base / "__init__.py").exists()


def test_every_module_belongs_to_a_layer():
    loose = [m for m in map(module_name, modules()) if m != "gebied" and layer(m) is None]
    assert not loose, f"modules outside the layer subpackages: {loose}"


def test_imports_only_go_downwards():
    wrong = []
    for path in modules():
        src = layer(module_name(path))
        for target in imports(path):
            dst = layer(target)
            if src is None or dst is None:
                continue
            if dst in FACES and dst != src or LAYERS.index(dst) > LAYERS.index(src) and src not in FACES:
                wrong.append(f"{module_name(path)} -> {target}")
    assert not wrong, "imports that go up a layer:\n" + "\n".join(wrong)


def test_no_import_circles():
    graph = {module_name(p): {t for t in imports(p) if t != module_name(p)} for p in modules()}
    seen: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        seen[node] = 1
        stack.append(node)
        for nxt in graph.get(node, ()):
            if nxt not in graph:
                continue
            if seen.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in seen and (cycle := visit(nxt)):
                return cycle
        seen[node] = 2
        stack.pop()
        return None

    for mod in graph:
        if mod not in seen and (cycle := visit(mod)):
            pytest.fail("import circle: " + " -> ".join(cycle))


@pytest.mark.parametrize("sub", LAYERS)
def test_each_subpackage_says_what_it_holds_and_what_it_may_use(sub):
    doc = ast.get_docstring(ast.parse((PKG / sub / "__init__.py").read_text(encoding="utf-8")))
    assert doc and len(doc) > 80, f"gebied.{sub} has no docstring saying what it holds"
    assert "may use" in doc.lower(), f"gebied.{sub}'s docstring does not say which subpackages it may use"


def test_modules_and_functions_are_small():
    too_big = []
    for path in modules():
        text = path.read_text(encoding="utf-8")
        limit = MAX_PAGE_LINES if path.parent.name == "pages" else MAX_MODULE_LINES
        if len(text.splitlines()) > limit:
            too_big.append(f"{path.relative_to(PKG)}: {len(text.splitlines())} lines (max {limit})")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                n = node.end_lineno - node.lineno + 1
                if n > MAX_FUNCTION_LINES:
                    too_big.append(f"{path.relative_to(PKG)}:{node.name}: {n} lines (max {MAX_FUNCTION_LINES})")
    assert not too_big, "\n".join(too_big)


def test_names_use_dutch_domain_nouns():
    english = []
    for path in modules():
        words = set(path.stem.split("_"))
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not node.name.startswith("_"):
                words |= {w.lower() for w in node.name.split("_")}
        hits = words & ENGLISH_DOMAIN
        if hits:
            english.append(f"{path.relative_to(PKG)}: {sorted(hits)}")
    assert not english, "English words for Dutch domain nouns in names:\n" + "\n".join(english)


def test_tests_mirror_the_package():
    tests = Path(__file__).resolve().parent
    for sub in LAYERS:
        assert list((tests / sub).glob("test_*.py")), f"no tests/{sub}/test_*.py"
