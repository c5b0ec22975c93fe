"""The import picture: which of the project's packages each package imports.

`make imports` (or `python -m tools.imports [ROOT]`) reads every module's imports from its syntax
tree (inside functions too; relative imports resolved) and prints one line per package: the
packages it imports, with how many import statements point there, and the third-party libraries
it uses. A package is a subpackage of the core (`bot.commands`, `bot.usecases`, ...), the rest
of the core (`bot`), each adapter (`adapters.slack`, ...), `storage`, the composition root
`plcbot`, `benchmarks` and the shared fakes; tests are left out. Then it names the arrows that
point the wrong way (out of the core, between adapters, from storage to an adapter) and the
cycles between packages. ROOT (default: this checkout) lets it read another one, e.g. a
`git worktree` of an older commit, so two pictures can be compared.
"""

from __future__ import annotations

import ast
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OURS = ("plcbot", "bot", "adapters", "storage", "benchmarks", "platform_fakes")
ROLES = {"plcbot": "composition root", "bot": "the rest of the core"}
Picture = dict[str, Counter[str]]


def package_of(module: str) -> str | None:
    """The picture's package of a dotted module name, or None for a module not ours."""
    parts = module.split(".")
    if parts[0] == "tests":
        return "tests"  # read only as a target: the picture does not scan the tests
    if parts[0] not in OURS:
        return None
    if parts[0] in ("bot", "adapters") and len(parts) > 1:
        return ".".join(parts[:2]) if _is_subpackage(parts[:2]) else parts[0]
    return parts[0]


_SUBPACKAGES: set[tuple[str, ...]] = set()


def _is_subpackage(parts: list[str]) -> bool:
    return tuple(parts) in _SUBPACKAGES


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, root: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = list(path.relative_to(root).parent.parts)
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            if node.module:
                found.append(".".join([*base, node.module]))
            else:
                found += [".".join([*base, alias.name]) for alias in node.names]
    return found


def picture(root: Path = ROOT) -> tuple[Picture, dict[str, set[str]]]:
    """Per package: the packages it imports (with counts), and the third-party roots it uses."""
    _SUBPACKAGES.clear()
    for top in ("bot", "adapters"):
        for init in sorted((root / top).glob("*/__init__.py")):
            _SUBPACKAGES.add((top, init.parent.name))
    arrows: Picture = defaultdict(Counter)
    external: dict[str, set[str]] = defaultdict(set)
    for top in OURS:
        for path in sorted((root / top).rglob("*.py")) if (root / top).is_dir() else []:
            source = package_of(_module_name(path, root))
            assert source is not None
            arrows[source].update()
            for module in _imports(path, root):
                target = package_of(module)
                if target is None:
                    name = module.split(".")[0]
                    if name not in sys.stdlib_module_names and name != "__future__":
                        external[source].add(name)
                elif target != source:
                    arrows[source][target] += 1
    return dict(arrows), dict(external)


def wrong_way(arrows: Picture) -> list[str]:
    """Arrows against the dependency rule: the core outward, storage to an adapter or the root,
    an adapter to storage, the root or another adapter (the kit is shared), anything to tests."""
    bad = []
    for source, targets in sorted(arrows.items()):
        for target in sorted(targets):
            top_s, top_t = source.split(".")[0], target.split(".")[0]
            if (
                (top_s == "bot" and top_t != "bot")
                or (top_s == "storage" and top_t in ("adapters", "plcbot"))
                or (top_s == "adapters" and top_t in ("storage", "plcbot", "benchmarks"))
                or (top_s == top_t == "adapters" and target not in ("adapters", "adapters.kit"))
                or top_t == "tests"
            ):
                bad.append(f"{source} -> {target}")
    return bad


def cycles(arrows: Picture) -> list[str]:
    """Pairs of packages that import each other."""
    return [
        f"{a} <-> {b}"
        for a in sorted(arrows)
        for b in sorted(arrows[a])
        if a < b and a in arrows.get(b, {})
    ]


def render(arrows: Picture, external: dict[str, set[str]]) -> list[str]:
    names = {p: f"{p} ({ROLES[p]})" if p in ROLES else p for p in arrows}
    width = max(len(n) for n in names.values())
    lines = [f"{'package':<{width}}  -> the packages it imports (import statements)  [third party]"]
    for source in sorted(arrows, key=lambda p: (OURS.index(p.split(".")[0]), p)):
        targets = ", ".join(f"{t} ({n})" for t, n in sorted(arrows[source].items()))
        libraries = ", ".join(sorted(external.get(source, ())))
        line = f"{names[source]:<{width}}  -> {targets or '(nothing of ours)'}"
        lines.append(line + (f"  [{libraries}]" if libraries else ""))
    lines += ["", "Wrong-way arrows: " + (", ".join(wrong_way(arrows)) or "none")]
    lines.append("Packages that import each other: " + (", ".join(cycles(arrows)) or "none"))
    return lines


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0]).resolve() if args else ROOT
    arrows, external = picture(root)
    print("\n".join(render(arrows, external)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
