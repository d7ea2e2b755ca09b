"""The resumes API modules import one way: the builder's endpoints use the analysis
schemas of resumes.api, and resumes.api never imports the builder (the old circle)."""

from __future__ import annotations

import ast
from pathlib import Path

RESUMES = Path(__file__).resolve().parents[2] / "src" / "rxguild" / "resumes"


def _imported(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_resumes_api_does_not_import_the_builder():
    assert not {m for m in _imported(RESUMES / "api.py") if "builder_api" in m}
    assert "rxguild.resumes.api" in _imported(RESUMES / "builder_api.py")


def test_both_routers_serve_under_resumes():
    from rxguild.api.main import api

    paths = set(api.get_openapi_schema()["paths"])
    assert {"/api/v1/resumes/analyze", "/api/v1/resumes/analyze/file", "/api/v1/resumes/"} <= paths
