"""The Jinja environment of each language: its templates, filters and globals.

Each language has its own templates under ``templates/<lang>/`` and runs in a
sandboxed Jinja environment with ``StrictUndefined``: a template that uses a
value the release does not have fails with its name and line instead of
writing an empty string. An environment, and the templates it compiles, are
kept per language for the life of the process.
"""

from __future__ import annotations

import functools
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from nas_press._resources import data_dir
from nas_press.exceptions import TemplateError
from nas_press.realize.locale import formatter


@functools.cache
def environment(lang: str) -> SandboxedEnvironment:
    """Return the sandboxed Jinja environment of ``lang``, built once per process."""
    fmt = formatter(lang)
    env = SandboxedEnvironment(
        extensions=["jinja2.ext.do"],
        loader=jinja2.FileSystemLoader(str(data_dir("templates") / lang)),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.filters.update(fmt.filters())
    env.globals.update(fmt.globals())
    return env


def render(lang: str, name: str, context: dict[str, Any]) -> str:
    """Render template ``name`` of ``lang`` with ``context``.

    Raises :class:`~nas_press.exceptions.TemplateError` naming the template
    and its line when it is missing, broken, or uses what it is not given.
    """
    env = environment(lang)
    where = f"templates/{lang}/{name}"
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"no template {exc.name!r} for language {lang!r}", where) from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(exc.message or "syntax error", where, exc.lineno) from None
    except (
        jinja2.TemplateError,
        SecurityError,
        TypeError,
        ValueError,
        AttributeError,
        KeyError,
    ) as exc:
        raise TemplateError(str(exc), where, _template_line(exc, name)) from None


def _template_line(exc: BaseException, name: str) -> int | None:
    tb = exc.__traceback__
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(name):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
