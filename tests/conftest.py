"""Shared fixtures: the languages, the examples, and a small valid release to vary."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import nas_press
import nas_press.document
import nas_press.plan.statements

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden"
LANGS = ("fi", "sv", "en")

GAPS = re.compile(
    r"\bNone\b(?! of)|\bnan\b|NaN|undefined|\{|\}|\[|\]|\(\)|  | [.,;:]|\.\.|,,|\bTODO\b"
)
"""What must never appear in a rendered text: a Python value, a template or link
marker left over, an empty bracket, doubled spaces or punctuation."""
EXAMPLE_STEMS = ("2018-h1", "2025-h1")


def pytest_configure(config: pytest.Config) -> None:
    """Keep nas_press's compiled-template cache of this test run in a folder of its own,
    so that tests neither read nor fill the user's cache (subprocesses inherit it)."""
    import atexit
    import os
    import shutil
    import tempfile

    if "NAS_PRESS_CACHE_DIR" not in os.environ:
        folder = tempfile.mkdtemp(prefix="nas-press-test-cache-")
        atexit.register(shutil.rmtree, folder, True)
        os.environ["NAS_PRESS_CACHE_DIR"] = folder


@pytest.fixture(params=LANGS)
def lang(request: pytest.FixtureRequest) -> str:
    """Each of the three languages in turn."""
    return str(request.param)


def card(
    name: str,
    title: str | tuple[nas_press.document.Inline, ...] = "Senior Adviser",
    *,
    phone: str = "0295 463 000",
    e164: str = "+358295463000",
    email: str = "",
    organisation: str = "National Assistance System for Victims of Human Trafficking",
) -> nas_press.document.Contact:
    """A document contact, for tests that build documents by hand."""
    from nas_press.document import Contact, Phone

    address = email or name.lower().replace(" ", ".") + "@migri.fi"
    lines = (title,) if isinstance(title, str) else title
    return Contact(name, lines, organisation, Phone(phone.replace(" ", "\xa0"), e164), address)


def texts(fi: str, sv: str, en: str) -> dict[str, str]:
    """Return one authored text in the three languages."""
    return {"fi": fi, "sv": sv, "en": en}


def minimal_release() -> dict[str, Any]:
    """Return a small valid release as the dict a TOML file would parse into."""
    import datetime

    return {
        "release": {
            "id": "test",
            "languages": list(LANGS),
            "published": datetime.date(2030, 7, 15),
        },
        "period": {"year": 2030, "kind": "first-half"},
        "statistics": {
            "referrals": {"count": 100, "pending": 5},
            "new_clients": {
                "count": 60,
                "children": 12,
                "home_country": 15,
                "abroad": 5,
                "women": 30,
                "girls": 5,
                "men": 20,
                "boys": 5,
                "minors": 10,
                "nationalities": 20,
                "finnish": 10,
                "forms": {
                    "forced_marriage": 20,
                    "forced_labour": 18,
                    "sexual_exploitation": 12,
                    "forced_criminal_activity": 5,
                    "other": 5,
                },
                "forms_by_gender": {
                    "women_and_girls": {"forced_marriage": 15, "sexual_exploitation": 10},
                    "men_and_boys": {"forced_labour": 15},
                },
            },
            "in_finland": {
                "count": 30,
                "nationalities": 10,
                "finnish": 5,
                "women": 15,
                "men": 10,
                "minors": 5,
                "adults": 25,
                "forms": {"forced_labour": 13, "forced_marriage": 6, "sexual_exploitation": 6},
                "forms_by_gender": {
                    "men": {"forced_labour": {"percent": 50}},
                    "women": {"forced_marriage": {"percent": 40}},
                },
            },
            "register": {
                "persons": 1000,
                "victims": 800,
                "children": 200,
                "minors": 15,
                "women": 530,
            },
        },
        "history": {"2029-h1": {"referrals": {"count": 80}, "new_clients": {"count": 50}}},
        "headline": texts("Otsikko testille", "Rubrik för testet", "Headline for the test"),
        "lead": texts("Ingressi testille.", "Ingress för testet.", "Lead for the test."),
        "body": [{"statement": name} for name in nas_press.plan.statements.names()],
        "contacts": [
            {
                "name": "Testi Henkilö",
                "title": texts("ylitarkastaja", "överinspektör", "Senior Adviser"),
                "phone": "0295 463 000",
                "email": "testi.henkilo@migri.fi",
            }
        ],
    }


def to_toml(data: dict[str, Any]) -> str:
    """Serialise a release dict as TOML, with tomli-w."""
    import tomli_w

    return tomli_w.dumps(data)


@pytest.fixture
def make_release() -> Callable[..., nas_press.Release]:
    """Build a release from :func:`minimal_release` changed by a function."""

    def build(change: Callable[[dict[str, Any]], None] | None = None) -> nas_press.Release:
        data = copy.deepcopy(minimal_release())
        if change is not None:
            change(data)
        return nas_press.parse_release(to_toml(data), source="test.toml")

    return build


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel from a copy of the tracked files, as a fresh clone would."""
    import shutil
    import subprocess
    import sys

    source = tmp_path_factory.mktemp("clone") / "nas_press"
    tracked = (
        subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        )
        .stdout.decode()
        .split("\0")
    )
    for name in filter(None, tracked):
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(source)],
        check=True,
        capture_output=True,
    )
    (built,) = dist.glob("nas_press-*.whl")
    return built


@pytest.fixture(scope="session")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the wheel (and its charts extra) installed; its python."""
    import subprocess
    import venv

    env = tmp_path_factory.mktemp("venv")
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            f"{wheel}[charts]",
        ],
        check=True,
    )
    return python


def installed_env() -> dict[str, str]:
    """The environment for a command of the installed wheel: this one without ``PYTHONPATH``,
    which would put a checkout's code before the installed package."""
    import os

    return {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}


def load_example(stem: str) -> nas_press.Release:
    """Load one of the bundled example releases."""
    return nas_press.load_release(EXAMPLES / f"{stem}.toml")
