"""The Jinja environment of each language, and its templates compiled ahead of time.

Each language's templates, ``templates/<lang>/``, run in a sandboxed Jinja
environment with ``StrictUndefined`` (:func:`environment`), built once per
process. Compiling a template (Jinja's parser and code generator, then
Python's compiler) costs far more than rendering it, so a built package
carries its templates compiled: the build hook (``hatch_build.py``) calls
:func:`compile_package`, which writes each template as a Python module with
Jinja's :meth:`~jinja2.Environment.compile_templates` into
``nas_press/_compiled/<lang>/`` and adds to each module the SHA-256 digest of
the source it came from and of the environment that compiled it
(:func:`compiler_digest`). The loader (:class:`Loader`) imports such a module
only as the package's own code, and uses it only when both digests match the
template's source as shipped and the environment of this process: a template
edited after the build, a module missing or stale, or another version of Jinja
means that template is compiled from its source in the process instead. A
checkout without compiled modules uses the sources.

Nothing is read from or written to the user's cache folder: compiled
templates have the trust of the package's code and live beside it.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import importlib.util
from collections.abc import Callable, Mapping, MutableMapping
from typing import TYPE_CHECKING, Any, Final

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from nas_press._resources import data_dir
from nas_press.exceptions import TemplateError
from nas_press.realize.locale import formatter

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["Loader", "compile_package", "compiler_digest", "environment", "render"]

COMPILED_PACKAGE: Final = "nas_press._compiled"
"""The package holding the compiled templates, one subpackage per language."""
SOURCE_DIGEST: Final = "NAS_PRESS_SOURCE_SHA256"
"""The name, in a compiled module, of the SHA-256 digest of its template's source."""
COMPILER_DIGEST: Final = "NAS_PRESS_COMPILER_SHA256"
"""The name, in a compiled module, of the :func:`compiler_digest` of its environment."""


@functools.cache
def environment(lang: str) -> SandboxedEnvironment:
    """Return the sandboxed Jinja environment of ``lang``, built once per process.

    Its templates come from the package's compiled modules where they match
    their sources, and are compiled from the sources otherwise (see
    :class:`Loader`); either way once per process.
    """
    fmt = formatter(lang)
    env = SandboxedEnvironment(
        extensions=["jinja2.ext.do"],
        loader=Loader(lang),
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


def source_digest(source: str) -> str:
    """Return the SHA-256 digest of a template's source, as hexadecimal."""
    return hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()


def compiler_digest(env: jinja2.Environment) -> str:
    """Return a digest of everything besides a template's source that its compiled code depends on.

    Jinja's version; the environment's class, syntax, white-space and
    escaping settings and extensions; and the names of its filters and tests
    with how each is called (the code generator passes a context, an
    evaluation context or the environment to those that ask for one).
    Python's own version is not in it: the compiled modules are Python
    source, compiled by the interpreter that imports them.
    """

    def calls(functions: Mapping[str, object]) -> list[tuple[str, str]]:
        return sorted(
            (name, repr(getattr(f, "jinja_pass_arg", None))) for name, f in functions.items()
        )

    settings = (
        "nas_press compiled template 1",
        jinja2.__version__,
        f"{type(env).__module__}.{type(env).__qualname__}",
        env.sandboxed,
        env.is_async,
        env.block_start_string,
        env.block_end_string,
        env.variable_start_string,
        env.variable_end_string,
        env.comment_start_string,
        env.comment_end_string,
        env.line_statement_prefix,
        env.line_comment_prefix,
        env.trim_blocks,
        env.lstrip_blocks,
        env.newline_sequence,
        env.keep_trailing_newline,
        env.optimized,
        env.autoescape if isinstance(env.autoescape, bool) else repr(env.autoescape),
        env.finalize is None,
        sorted(env.extensions),
        calls(env.filters),
        calls(env.tests),
    )
    return hashlib.sha256(repr(settings).encode("utf-8")).hexdigest()


class Loader(jinja2.BaseLoader):
    """The templates of one language: compiled modules where they match, else the sources.

    Sources are read from ``templates/<lang>/`` (inside the installed package,
    or at the top of a checkout). A template whose compiled module
    (``nas_press._compiled.<lang>.tmpl_<sha1 of its name>``, named as Jinja's
    :class:`~jinja2.ModuleLoader` names them) records the digest of exactly
    this source and of this environment is made from that module; any other
    is compiled from its source. Error messages and tracebacks name the
    template's source file and line either way.
    """

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.sources = jinja2.FileSystemLoader(str(data_dir("templates") / lang))

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        """Return the source of ``template``, its file name and whether it is up to date."""
        return self.sources.get_source(environment, template)

    def list_templates(self) -> list[str]:
        """Return the names of the language's templates, sorted."""
        return self.sources.list_templates()

    @jinja2.utils.internalcode
    def load(
        self,
        environment: jinja2.Environment,
        name: str,
        globals: MutableMapping[str, Any] | None = None,
    ) -> jinja2.Template:
        """Return template ``name``, from its compiled module if that matches its source."""
        source, filename, uptodate = self.get_source(environment, name)
        if globals is None:
            globals = {}
        module = _compiled_module(environment, self.lang, name, source)
        if module is None:
            code = environment.compile(source, name, filename)
            return environment.template_class.from_code(environment, code, globals, uptodate)
        template = environment.template_class.from_module_dict(
            environment, module.__dict__, globals
        )
        template.filename = filename
        return template


def _compiled_module(env: jinja2.Environment, lang: str, name: str, source: str) -> Any | None:
    """Return the compiled module of template ``name`` if it matches ``source`` and ``env``."""
    package = _compiled_language(lang)
    if package is None:
        return None
    module_name = f"{package}.{jinja2.ModuleLoader.get_template_key(name)}"
    try:
        module = importlib.import_module(module_name)
    except (ImportError, SyntaxError):
        return None
    if getattr(module, SOURCE_DIGEST, None) != source_digest(source):
        return None
    if getattr(module, COMPILER_DIGEST, None) != _environment_digest(env):
        return None
    return module


@functools.cache
def _compiled_language(lang: str) -> str | None:
    """The package of ``lang``'s compiled templates, or ``None`` when there is none."""
    if not lang.isidentifier():
        return None
    package = f"{COMPILED_PACKAGE}.{lang}"
    try:
        return package if importlib.util.find_spec(package) is not None else None
    except (ImportError, ValueError):
        return None


def _environment_digest(env: jinja2.Environment) -> str:
    """:func:`compiler_digest` of ``env``, computed once per environment."""
    digest: str | None = getattr(env, "_nas_press_compiler_digest", None)
    if digest is None:
        digest = compiler_digest(env)
        setattr(env, "_nas_press_compiler_digest", digest)  # noqa: B010  (not an attribute of Environment's type)
    return digest


def compile_package(target: Path, languages: tuple[str, ...] | None = None) -> list[Path]:
    """Compile every template of ``languages`` (default: all) into the package folder ``target``.

    ``target`` becomes the ``nas_press._compiled`` package: an ``__init__.py``,
    and per language a subpackage of the modules that
    :meth:`jinja2.Environment.compile_templates` writes, each followed by the
    digests the loader checks. Raises :class:`jinja2.TemplateSyntaxError` for
    a template that does not compile. Returns the files written.
    """
    from nas_press._resources import supported_languages

    written = [target / "__init__.py"]
    target.mkdir(parents=True, exist_ok=True)
    written[0].write_text('"""Templates compiled when the package was built."""\n', "utf-8")
    for lang in languages if languages is not None else supported_languages():
        env = environment(lang)
        folder = target / lang
        env.compile_templates(str(folder), zip=None, ignore_errors=False)
        init = folder / "__init__.py"
        init.write_text(f'"""The {lang} templates, compiled."""\n', "utf-8")
        written.append(init)
        compiler = compiler_digest(env)
        for name in env.list_templates():
            source, _, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
            module = folder / jinja2.ModuleLoader.get_module_filename(name)
            with module.open("a", encoding="utf-8") as handle:
                handle.write(
                    f"\n{SOURCE_DIGEST} = {source_digest(source)!r}\n"
                    f"{COMPILER_DIGEST} = {compiler!r}\n"
                )
            written.append(module)
    return written
