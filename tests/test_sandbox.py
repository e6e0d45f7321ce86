"""rules/sandbox.py (issue 27 #1): a template never runs code and never takes the machine, whatever it asks.
Pure: the sandbox is called with a template's text, no database, no CLI (test_attack.py drives it through
`netlog thank`)."""

from __future__ import annotations

import itertools

import pytest

from netlog.rules import sandbox


def _render(text: str, clock=None) -> str:
    return sandbox.render(lambda name: (text, name, lambda: True), "t.j2", {"name": "Ana"}, {}, clock)


@pytest.mark.parametrize(
    "text",
    ["{{ 'a' * 10**9 }}", "{{ [1] * 10**8 }}", "{{ 7 ** 99999999 }}", "{{ '%0999999999d' % 1 }}", "{{ '%*d' % (10**9, 1) }}",
     "{{ '{:>999999999}'.format(1) }}", "{{ 'a' | center(10**9) }}", "{{ 'a'.center(10**9) }}", "{{ 'ab' | indent(10**9) }}",
     "{% for i in range(10**5) %}{% for j in range(10**5) %}{% endfor %}{% endfor %}",
     "{% for i in range(99999) %}{% for j in 'x' * 99999 %}{% endfor %}{% endfor %}",
     "{% for i in range(99999) %}{{ 'x' * 99 }}{% endfor %}"],
)  # fmt: skip
def test_what_asks_too_much_is_stopped(text):
    with pytest.raises(sandbox.TooMuch):
        _render(text)


def test_a_render_past_its_time_is_stopped():
    ticks = itertools.count(0, 0.5)  # each reading of the clock half a second later
    with pytest.raises(sandbox.TooMuch, match="seconds"):
        _render("{% for i in range(100) %}{{ i }}{% endfor %}", clock=lambda: next(ticks))


@pytest.mark.parametrize("text", ["{{ cycler.__init__.__globals__ }}", "{{ ''.__class__.__mro__ }}", "{{ lipsum.__globals__ }}"])
def test_no_escape(text):
    import jinja2

    with pytest.raises(jinja2.TemplateError):
        _render(text)


def test_an_ordinary_template_renders():
    text = "Hi {{ name }}{% for i in range(3) %}!{% endfor %} {{ '%5d' % 42 }} {{ 'x' | center(5) }}|{{ loop_free | default('') }}"
    assert _render(text) == "Hi Ana!!!    42   x  |"
