"""The layers of pyproject.toml's import contracts: kept by the code, and broken by an import
from a lower layer into a higher one."""

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
# The packages the contracts name: a copy of the tree needs each of them.
APPS = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["root_packages"]


def lint_imports(where):
    return subprocess.run(
        [LINT_IMPORTS, "--no-cache", "--config", "pyproject.toml"],
        cwd=where,
        env={"PYTHONPATH": str(where), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_code_keeps_its_layers():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout
    assert "Contracts: 2 kept, 0 broken." in result.stdout


def test_the_shell_importing_a_feature_app_breaks_them(tmp_path):
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    for app in APPS:
        (tmp_path / app).mkdir()
        (tmp_path / app / "__init__.py").touch()
    (tmp_path / "programmes" / "models.py").touch()
    (tmp_path / "news" / "models.py").touch()
    (tmp_path / "applications" / "blocks.py").write_text(
        "import news.models\nimport programmes.models\n"
    )
    (tmp_path / "indicators" / "surveys.py").write_text(
        "import applications.blocks\nimport programmes.models\n"
    )
    alerts = "import news.models\nimport programmes.models\n"
    (tmp_path / "alerts" / "sending.py").write_text(alerts)
    (tmp_path / "volunteering" / "signups.py").write_text(
        "import applications.blocks\nimport programmes.models\n"
    )
    (tmp_path / "home" / "blocks.py").write_text("from applications import blocks\n")
    result = lint_imports(tmp_path)
    assert result.returncode == 1
    assert "home is not allowed to import applications" in result.stdout
    assert "home.blocks -> applications.blocks (l.1)" in result.stdout


def test_the_shared_templates_load_no_feature_app_tags():
    """Templates are outside the import contracts: the shell shows a feature through a template
    the feature registered, never by loading its tags."""
    features = [app for app in APPS if app not in ("config", "search", "home")]
    libraries = {
        module.stem
        for app in features
        for module in (ROOT / app / "templatetags").glob("*.py")
        if module.stem != "__init__"
    }
    shared = [ROOT / folder / "templates" for folder in ("home", "search", "site")]
    loading = [
        (template.relative_to(ROOT), library)
        for folder in shared
        for template in folder.rglob("*.html")
        for load in re.findall(r"{%\s*load\s+([^%]*)%}", template.read_text())
        for library in load.split()
        if library in libraries
    ]
    assert libraries
    assert loading == []
