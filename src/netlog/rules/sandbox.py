"""Rendering a template nobody vetted: templates are shared like dotfiles, so one must never run code, and
never take the machine with it. Jinja2's SandboxedEnvironment closes the escapes (no dunder attributes, no
globals of functions); on top of it every loop counts against one budget, every value made (a product, a
power, a formatted string, a filter's or method's result) against the output limit, and the render against
a time budget read from the clock the caller hands in (this module reads none). Pure: text in, text out."""

from __future__ import annotations

import re
from typing import Any, Callable, Iterable, Iterator, Mapping

from jinja2 import nodes
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from netlog.values import limits

Clock = Callable[[], float]

_WIDE = re.compile(r"\*|\d{5,}")  # a %-format with a computed width, or one of 10,000 and more


class TooMuch(SecurityError):
    """A template asked for more than the limits allow."""


class _Budget:
    def __init__(self, clock: Clock | None) -> None:
        self.loops = limits.TEMPLATE_LOOPS
        self.clock = clock
        self.deadline = None if clock is None else clock() + limits.TEMPLATE_SECONDS

    def tick(self, steps: int = 1) -> None:
        self.loops -= steps
        if self.loops < 0:
            raise TooMuch(f"its loops run more than {limits.TEMPLATE_LOOPS:,} times")
        if self.clock is not None and self.deadline is not None and self.clock() > self.deadline:
            raise TooMuch(f"it takes more than {limits.TEMPLATE_SECONDS:g} seconds")


def _size(value: Any) -> int:
    return len(value) if isinstance(value, (str, bytes, list, tuple, dict)) else 0


def _check_size(value: Any) -> Any:
    if _size(value) > limits.TEMPLATE_OUTPUT:
        raise TooMuch(f"it makes a value of more than {limits.TEMPLATE_OUTPUT:,} characters")
    return value


def _check_args(args: Iterable[Any]) -> None:
    for arg in args:
        if isinstance(arg, int) and abs(arg) > limits.TEMPLATE_OUTPUT:
            raise TooMuch(f"it passes a number over {limits.TEMPLATE_OUTPUT:,} to a function or filter")


class Sandbox(SandboxedEnvironment):
    """A SandboxedEnvironment whose loops, values and render time are bounded."""

    intercepted_binops = frozenset(["*", "**", "%", "+", "//"])

    def __init__(self, budget: _Budget, **options: Any) -> None:
        super().__init__(**options)
        self.budget = budget
        self.globals["_netlog_loop"] = self._loop

    def _loop(self, iterable: Iterable[Any]) -> Iterator[Any]:
        for item in iterable:
            self.budget.tick()
            yield item

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):  # every loop's iterable goes through _loop, which counts
            loop.iter = nodes.Call(nodes.Name("_netlog_loop", "load"), [loop.iter], [], None, None, lineno=loop.lineno)
        return tree

    def call_binop(self, context: Any, operator_: str, left: Any, right: Any) -> Any:
        self.budget.tick(0)
        if operator_ == "*":
            for a, b in ((left, right), (right, left)):
                if isinstance(b, int) and _size(a) * max(b, 0) > limits.TEMPLATE_OUTPUT:
                    raise TooMuch(f"it makes a value of more than {limits.TEMPLATE_OUTPUT:,} characters")
        if operator_ == "**" and isinstance(left, int) and isinstance(right, int) and abs(right) > 1_000:
            raise TooMuch("it raises a number to a power over 1,000")
        if operator_ == "%" and isinstance(left, str) and _WIDE.search(left):
            raise TooMuch("it formats with a width of 10,000 or more")
        return _check_size(super().call_binop(context, operator_, left, right))

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 (Jinja's signature)
        __self.budget.tick(0)
        _check_args([*args, *kwargs.values()])
        return _check_size(super().call(__context, __obj, *args, **kwargs))

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        owner = getattr(value, "__self__", None)
        if isinstance(owner, str) and getattr(value, "__name__", "") in ("format", "format_map") and _WIDE.search(owner):
            raise TooMuch("it formats with a width of 10,000 or more")
        return super().wrap_str_format(value)


def _guarded(function: Callable[..., Any]) -> Callable[..., Any]:
    """A filter whose numbers and result are bounded (e.g. center(10**9), a join of a huge list)."""
    import functools

    @functools.wraps(function)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        _check_args([*args[1:], *kwargs.values()])
        return _check_size(function(*args, **kwargs))

    return guarded


def render(loader: Callable[[str], tuple[str, str, Callable[[], bool]] | None], name: str, values: Mapping[str, Any],
           filters: Mapping[str, Callable[..., Any]], clock: Clock | None = None) -> str:  # fmt: skip
    """Template `name` (read through `loader`) filled with `values`, in the sandbox, within the limits.
    Raises a jinja2.TemplateError (TooMuch for a limit), RecursionError or MemoryError."""
    import jinja2

    budget = _Budget(clock)
    env = Sandbox(
        budget,
        loader=jinja2.FunctionLoader(loader),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(filters)
    env.filters = {key: _guarded(f) for key, f in env.filters.items()}
    out: list[str] = []
    size = 0
    for chunk in env.get_template(name).generate(**values):
        size += len(chunk)
        if size > limits.TEMPLATE_OUTPUT:
            raise TooMuch(f"its output is over {limits.TEMPLATE_OUTPUT:,} characters")
        out.append(chunk)
    budget.tick(0)
    return "".join(out)

