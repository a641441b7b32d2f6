"""The generated statements: one module each, found here and read by the model's
reader, the checks, the plan and the README.

Each module defines ``STATEMENT``, a :class:`Spec`: the statement's name (the
name a release file gives in ``statement = "…"``, and of its template
``templates/<lang>/statements/<name>.j2``), what it says, the section of the
statistics it needs and the figures it needs one of, the propositions it may
assert, and its ``plan`` function, which turns the release and what the
release has said so far into the typed figures its templates receive, or
``None`` when it has nothing to add. Adding a statement is one module here
and its three templates.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from nas_press.plan.discourse import Context
    from nas_press.release.model import Statistics


@attrs.frozen
class Spec:
    """What a statement is: its name, what it says, what it needs, and how it is planned.

    ``needs`` is the section of the statistics it is about (``new_clients``);
    ``needs_one_of`` lists figures (key paths under ``statistics``) of which the
    release must give at least one, or the statement has nothing to say;
    ``shows`` the choices of ``show = …`` it takes (its first is the default);
    ``compares`` whether it takes ``compare = [periods]``; ``asserts`` the
    propositions it may state (see :mod:`nas_press.plan.discourse`).
    """

    name: str
    says: str
    needs: str
    plan: Callable[[Context], Any]
    needs_one_of: tuple[str, ...] = ()
    shows: tuple[str, ...] = ("shares",)
    compares: bool = False
    asserts: tuple[str, ...] = ()

    def has_section(self, statistics: Statistics) -> bool:
        """Whether the statistics have the section the statement is about."""
        return getattr(statistics, self.needs) is not None

    def has_figures(self, statistics: Statistics) -> bool:
        """Whether the statistics give something the statement can say: its section,
        and one of the figures it needs one of."""
        return self.has_section(statistics) and (
            not self.needs_one_of or any(statistics.has(key) for key in self.needs_one_of)
        )


@functools.cache
def registry() -> Mapping[str, Spec]:
    """Every statement, by name, in the order of their modules' names."""
    found: dict[str, Spec] = {}
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if module.name.startswith("_"):
            continue
        spec = importlib.import_module(f"{__name__}.{module.name}").STATEMENT
        if not isinstance(spec, Spec) or spec.name in found:  # pragma: no cover - a coding error
            raise TypeError(f"{__name__}.{module.name}.STATEMENT is not a new Spec")
        found[spec.name] = spec
    return found


def names() -> tuple[str, ...]:
    """The names of every statement."""
    return tuple(registry())


def spec(name: str) -> Spec:
    """The statement ``name``; raises ``KeyError`` if there is none."""
    return registry()[name]
