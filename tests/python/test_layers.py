"""The layers of scripts/execbench, as its __init__.py maps them: a module
imports only its own folder and the layers below it, only charts/ imports
matplotlib, and no import goes round in a cycle.

The imports are read from the source (ast), every one of them, also those
inside functions, so that nothing has to be imported or run to be checked.
"""

import ast
import pathlib

import pytest

from conftest import SCRIPTS

PACKAGE = "execbench"
# From the bottom up. A module may import modules of its own folder (or,
# at the top of the package, itself) and of every lower layer; folders of
# one layer do not import each other.
LAYERS = (
    ("interruption",),
    ("formatting", "command_line", "atomic_file"),
    ("inputs",),
    ("analysis",),
    ("charts", "tables"),
    ("reports", "running"),
    ("commands",),
)
# The only folders that may import the plotting library.
PLOTTING = "matplotlib"
PLOTTING_FOLDERS = ("charts",)


def package_modules(root: pathlib.Path) -> dict:
    """Module name -> its file, for every module of the package in root."""
    found = {}
    for path in sorted((root / PACKAGE).rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def imported_names(name: str, path: pathlib.Path, known: dict) -> set:
    """The modules the module imports: those of the package by their module
    name ("execbench.charts.style" for `from execbench.charts import
    style`), others by their top-level name ("matplotlib")."""
    is_package = path.name == "__init__.py"
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = name.split(".")
                if not is_package:
                    package = package[:-1]
                package = package[:len(package) - node.level + 1]
                base = ".".join(filter(None, [*package, base]))
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                names.add(submodule if submodule in known else base)
    return {imported if imported.split(".")[0] == PACKAGE
            else imported.split(".")[0] for imported in names}


def folder_of(name: str) -> str:
    """The folder (or module at the top) a module belongs to: "charts" for
    execbench.charts.style, "formatting" for execbench.formatting; "" for
    the package itself."""
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else ""


def layer_of(folder: str) -> int | None:
    """The index of the folder's layer in LAYERS; above them all for the
    package itself; None for a folder of no layer."""
    if not folder:
        return len(LAYERS)
    return next((index for index, folders in enumerate(LAYERS)
                 if folder in folders), None)


def find_cycles(graph: dict) -> list:
    """The import cycles of graph (module -> modules it imports): each
    strongly connected component of more than one module, or a module that
    imports itself, as its sorted module names (Tarjan's algorithm)."""
    index_of, low, stack, on_stack, cycles = {}, {}, [], set(), []

    def visit(module):
        index_of[module] = low[module] = len(index_of)
        stack.append(module)
        on_stack.add(module)
        for imported in sorted(graph.get(module, ())):
            if imported not in index_of:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index_of[imported])
        if low[module] == index_of[module]:
            component = []
            while not component or component[-1] != module:
                component.append(stack.pop())
                on_stack.discard(component[-1])
            if len(component) > 1 or module in graph.get(module, ()):
                cycles.append(sorted(component))

    for module in sorted(graph):
        if module not in index_of:
            visit(module)
    return cycles


def violations(root: pathlib.Path) -> list:
    """What breaks the layers in the package under root, one line each."""
    known = package_modules(root)
    unplaced = sorted({folder_of(name) for name in known
                       if layer_of(folder_of(name)) is None})
    found = [f"{PACKAGE}/{folder} is in no layer; add it to LAYERS and to "
             f"the map in {PACKAGE}/__init__.py" for folder in unplaced]
    graph = {}
    for name, path in known.items():
        folder = folder_of(name)
        layer = layer_of(folder)
        if layer is None:
            continue
        imported = imported_names(name, path, known)
        graph[name] = {module for module in imported if module in known}
        for module in sorted(graph[name]):
            other = folder_of(module)
            other_layer = layer_of(other)
            if other_layer is None or other == folder:
                continue
            if other_layer > layer:
                found.append(f"{name} imports {module}, a higher layer")
            elif other_layer == layer:
                found.append(f"{name} imports {module}, another folder of "
                             "its layer")
        if PLOTTING in imported and folder not in PLOTTING_FOLDERS:
            found.append(f"{name} imports {PLOTTING}, which only "
                         f"{', '.join(PLOTTING_FOLDERS)} may")
    found += [f"import cycle: {' -> '.join(cycle)}"
              for cycle in find_cycles(graph)]
    return found


def test_the_package_keeps_its_layers():
    assert violations(SCRIPTS) == []


def test_every_module_of_the_package_is_checked():
    names = package_modules(SCRIPTS)
    # One of each layer, so that a change of layout cannot empty the check.
    for name in ("execbench.interruption", "execbench.formatting",
                 "execbench.inputs.bench_json",
                 "execbench.analysis.speedups", "execbench.charts.figure",
                 "execbench.tables.markup", "execbench.reports.page",
                 "execbench.running.rounds", "execbench.commands.charts"):
        assert name in names
    assert {folder_of(name) for name in names} - {""} == {
        folder for folders in LAYERS for folder in folders}


def write_package(root: pathlib.Path, files: dict) -> pathlib.Path:
    """A package under root: path relative to execbench/ -> source. Every
    folder gets its __init__.py."""
    for relative, source in files.items():
        path = root / PACKAGE / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")
        for folder in path.relative_to(root).parents:
            init = root / folder / "__init__.py"
            if folder != pathlib.Path(".") and not init.exists():
                init.write_text("", encoding="utf-8")
    return root


@pytest.mark.parametrize("files, complaint", [
    ({"inputs/spans.py": "from execbench.analysis import speedups\n",
      "analysis/speedups.py": ""},
     "execbench.inputs.spans imports execbench.analysis.speedups, a higher "
     "layer"),
    ({"formatting.py": "def f():\n    from execbench.inputs import spans\n",
      "inputs/spans.py": ""},
     "execbench.formatting imports execbench.inputs.spans, a higher layer"),
    ({"charts/wall.py": "from execbench.tables import markup\n",
      "tables/markup.py": ""},
     "execbench.charts.wall imports execbench.tables.markup, another folder "
     "of its layer"),
    ({"analysis/metg.py": "from matplotlib import figure\n"},
     "execbench.analysis.metg imports matplotlib, which only charts may"),
    ({"formatting.py": "import matplotlib.colors\n"},
     "execbench.formatting imports matplotlib, which only charts may"),
    ({"tables/grid.py": "import matplotlib\n"},
     "execbench.tables.grid imports matplotlib, which only charts may"),
    ({"analysis/a.py": "from execbench.analysis import b\n",
      "analysis/b.py": "from . import a\n"},
     "import cycle: execbench.analysis.a -> execbench.analysis.b"),
    ({"charts/__init__.py": "from execbench.charts import wall\n",
      "charts/wall.py": "from execbench import charts\n"},
     "import cycle: execbench.charts -> execbench.charts.wall"),
    ({"plots/a.py": ""},
     "execbench/plots is in no layer; add it to LAYERS and to the map in "
     "execbench/__init__.py"),
])
def test_a_planted_violation_is_found(tmp_path, files, complaint):
    assert violations(write_package(tmp_path, files)) == [complaint]


def test_imports_down_the_layers_pass(tmp_path):
    root = write_package(tmp_path, {
        "commands/charts.py": "from execbench import charts\n"
                              "from execbench import command_line\n",
        "charts/__init__.py": "from execbench.charts import wall\n",
        "charts/wall.py": "import matplotlib\n"
                          "from execbench.charts import figure\n"
                          "from execbench.analysis import speedups\n",
        "charts/figure.py": "from execbench import formatting\n",
        "analysis/speedups.py": "from ..inputs import bench_json\n",
        "inputs/bench_json.py": "import json\n",
        "formatting.py": "", "command_line.py": ""})
    assert violations(root) == []
