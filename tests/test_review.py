"""The review's state machine (netlog.ui.review) with its terminal injected: a scripted terminal presses the
keys and types the lines, and every action lands in a real database (the `isolated` one). What a person
sees on a real terminal is tests/test_review_pty.py's."""

from __future__ import annotations

from contextlib import nullcontext
from datetime import date
from urllib.parse import unquote

import pytest

from netlog.ui.review import KEYS, Review, Tally

TODAY = date(2026, 11, 23)


class Scripted:
    """A terminal that answers from a script (keys and typed lines, in order) and keeps what it was shown.
    `editor` rewrites a draft as the user's editor would; `opens` says whether a mail app takes links."""

    def __init__(self, *answers, editor=None, opens=False):
        self.answers = list(answers)
        self.editor = editor
        self.opens = opens
        self.cards, self.lines, self.edited, self.links, self.prompts = [], [], [], [], []

    def show(self, card):
        self.cards.append(card)

    def help(self, keys):
        self.lines.append("HELP: " + " ".join(k.key for k in keys))

    def say(self, text):
        self.lines.append(text)

    def show_text(self, text):
        self.lines.append(text)

    def key(self, prompt):
        return self._next(prompt)

    def ask(self, question):
        return self._next(question)

    def edit(self, text):
        """As netlog.ui.editor.edit_text(keep_unchanged=True): the text as saved, None when emptied."""
        self.edited.append(text)
        saved = self.editor(text) if self.editor else text
        return saved if saved.strip() else None

    def open_link(self, url):
        self.links.append(url)
        return self.opens

    def uninterrupted(self):
        return nullcontext()

    def when_idle(self, job):
        job()  # as if the person took a moment before the first key

    def _next(self, prompt):
        self.prompts.append(prompt)
        assert self.answers, f"the review asked {prompt!r} after the script ended; it said: {self.lines[-3:]}"
        answer = self.answers.pop(0)
        if answer is KeyboardInterrupt:
            raise KeyboardInterrupt
        return answer

    @property
    def said(self) -> str:
        return "\n".join(self.lines)


@pytest.fixture
def store():
    from netlog.network.cache import ensure_current
    from netlog.storage.location import database_url
    from netlog.storage.opening import open_store

    opened = open_store(database_url(None))
    ensure_current(opened)
    yield opened
    opened.close()


def walk(store, *answers, day=TODAY, limit=None, **terminal):
    """Review the items due on `day` with a scripted terminal: (the tally, the terminal)."""
    from netlog.network.agenda import due_items

    items = due_items(store.reader, day)[:limit]
    scripted = Scripted(*answers, **terminal)
    return Review(store, TODAY, day, scripted).run(items), scripted


def due_now(netlog, day=None) -> list[tuple[str, str]]:
    on = ("--on", day) if day else ()
    return [(i["contact"], i["action"]) for i in netlog.json("due", *on)]


def kinds(netlog, name: str) -> list[str]:
    return [t["kind"] for t in netlog.json("show", name)["touches"]]


def test_the_morning_list_top_first_with_its_counter(morning, store):
    assert due_now(morning) == [("Ana Lima", "thank"), ("Cy Ng", "thank"), ("Bo Berg", "nudge"), ("Gus Berg", "report-back")]
    tally, screen = walk(store, "n", "n", "n", "n")
    assert [(c.position, c.total, c.item.contact) for c in screen.cards] == [
        (1, 4, "Ana Lima"), (2, 4, "Cy Ng"), (3, 4, "Bo Berg"), (4, 4, "Gus Berg")]  # fmt: skip
    ana = screen.cards[0]
    assert (ana.company, ana.title, ana.email) == ("Contoso", "Head of Search", "ana@example.org")
    assert ana.item.reason.startswith("Thank Ana") and ana.touches[0]["place"] == "PyCon"
    assert "m" in {k.key for k in ana.keys} and "m" not in {k.key for k in screen.cards[1].keys}  # no email, no mail key
    assert tally.line() == "Sent 0, snoozed 0, dismissed 0; 4 left for tomorrow."


def test_last_three_touches_newest_first(netlog, store):
    netlog("add", "Eva Kim", "--on", "2026-10-01", "--strength", "medium")
    for day, kind in (("2026-10-10", "call"), ("2026-10-20", "email"), ("2026-11-01", "coffee"), ("2026-11-22", "favor-received")):
        netlog("log", "Eva", kind, "--on", day)
    _, screen = walk(store, "q")
    assert [t["kind"] for t in screen.cards[0].touches] == ["favor-received", "coffee", "email"]


def test_each_key_does_its_action_at_once(morning, store):
    tally, screen = walk(store, "s", "z", "", "x", "n")
    assert "Logged the thank-you you sent (thanks, today)." in screen.lines
    assert kinds(morning, "Ana")[0] == "thanks"  # s: the thank-you, logged as sent
    assert morning.json("show", "Cy")["snoozed_until"] == "2026-11-30"  # z, Enter: a week
    assert "Snoozed Cy Ng until Mon 30 Nov." in screen.lines
    assert "Dismissed nudge for Bo Berg; a later event makes it due again." in screen.lines
    assert due_now(morning) == [("Gus Berg", "report-back")]  # n: left for tomorrow
    assert tally.line() == "Sent 1, snoozed 1, dismissed 1; 1 left for tomorrow."


def test_the_keys_are_echoed_and_an_unknown_key_asks_again(morning, store):
    tally, screen = walk(store, "k", "\n", "?", "Q")
    assert '"k" is not a key here: press ? to see them.' in screen.lines
    assert "Enter is not a key here: press ? to see them." in screen.lines
    assert "HELP: " + " ".join(k.key for k in KEYS) in screen.lines  # Ana has an email: every key
    assert screen.lines[-1] == "quit"  # upper case works too
    assert tally.line() == "Stopped at 1 of 4. Sent 0, snoozed 0, dismissed 0; 4 left for tomorrow."


def test_draft_opens_the_items_own_draft_then_asks_whether_it_was_sent(morning, store):
    def edit(text):
        return text.replace("Subject: Thank you", "Subject: Thanks for PyCon") + "PS: the book I mentioned is on its way.\n"

    tally, screen = walk(store, "d", "m", "y", "q", editor=edit, opens=True)
    draft = screen.edited[0]
    assert draft.startswith("Subject: Thank you\n\nHi Ana,") and "at PyCon yesterday" in draft
    assert "PS: the book I mentioned" in screen.said  # the edited draft is shown, to copy from
    link = screen.links[0]
    assert link.startswith("mailto:ana@example.org?subject=Thanks%20for%20PyCon&body=Hi%20Ana%2C%0D%0A")
    assert "PS: the book I mentioned is on its way." in unquote(link)
    assert 'Opened in your mail app: to ana@example.org, "Thanks for PyCon".' in screen.lines
    assert kinds(morning, "Ana")[0] == "thanks"
    assert tally.counts["sent"] == 1


def test_a_draft_not_sent_logs_nothing_and_stays(morning, store):
    tally, screen = walk(store, "n", "d", "n", "q", editor=lambda text: text + "PS\n")
    assert screen.edited[0].startswith("Hi Cy,")  # no email address: no Subject line to edit
    assert "Not sent: nothing logged." in screen.lines
    assert screen.prompts[-1] == "What now? "  # back on Cy's item
    assert kinds(morning, "Cy") == ["met"]
    assert tally.line() == "Stopped at 2 of 4. Sent 0, snoozed 0, dismissed 0; 4 left for tomorrow."


def test_an_emptied_draft_cancels(morning, store):
    saves = iter(["  \n", "Subject: Hi\n\n"])
    _, screen = walk(store, "d", "d", "q", editor=lambda text: next(saves))
    assert screen.lines.count("Empty draft: nothing sent, nothing logged.") == 2  # a subject alone is empty too
    assert kinds(morning, "Ana") == ["met"]


def test_mail_prints_the_link_when_nothing_opens_it(morning, store):
    _, screen = walk(store, "m", "n", "q", opens=False)
    assert "Nothing here opens links (no xdg-open); open this one in your mail app:" in screen.lines
    link = next(line for line in screen.lines if line.startswith("mailto:"))
    assert unquote(link).endswith("Best,\r\nSam Rivera")
    assert kinds(morning, "Ana") == ["met"]  # not sent yet


def test_mail_needs_an_email_address(morning, store):
    _, screen = walk(store, "n", "m", "q")
    assert '"m" is not a key here: press ? to see them.' in screen.lines  # Cy has no address: no mail key


def test_log_another_touch_settles_the_item_when_it_clears_it(morning, store):
    tally, screen = walk(store, "n", "n", "l", "email received", "q")
    assert "Logged email (received) with Bo Berg, today." in screen.lines
    assert ("Bo Berg", "nudge") not in due_now(morning)  # their answer ends the wait
    assert tally.counts["logged"] == 1


def test_log_a_touch_that_leaves_the_item_due_stays_on_it(morning, store):
    # (Her email: anything you send her, an email included, answers the thank-you since issue 24's walk.)
    _, screen = walk(store, "l", "email received", "l", "", "l", "sandwich", "q")
    assert "Logged email (received) with Ana Lima, today." in screen.lines
    assert "The thank is still due: pick another key, or n to skip it." in screen.lines
    assert "Nothing logged." in screen.lines
    assert any(line.startswith('Unknown kind "sandwich"') for line in screen.lines)
    assert kinds(morning, "Ana") == ["email", "met"]


def test_snooze_until_a_typed_day(morning, store):
    tally, screen = walk(store, "z", "next tuesday", "q")
    assert morning.json("show", "Ana")["snoozed_until"] == "2026-11-24"
    assert "Snoozed Ana Lima until Tue 24 Nov." in screen.lines
    assert tally.counts["snoozed"] == 1


def test_a_date_that_cannot_be_read_or_is_past_asks_again(morning, store):
    _, screen = walk(store, "z", "blorp", "z", "yesterday", "z", None, "q")
    assert any(line.startswith('Cannot read the date "blorp"') for line in screen.lines)
    assert any("is in the past: snooze until a later day" in line for line in screen.lines)
    assert "Not snoozed." in screen.lines  # Ctrl-D on the question
    assert morning.json("show", "Ana")["snoozed_until"] is None


def test_one_card_a_person_and_snoozing_it_settles_what_it_folds_in(morning, store):
    # On 6 December (two weeks on: the last day a thank-you is listed) Ana's late thank-you carries her second
    # touch (one item a person); snoozing it settles both.
    assert due_now(morning, "2026-12-06")[:3] == [("Ana Lima", "thank"), ("Gus Berg", "report-back"), ("Bo Berg", "nudge")]
    tally, screen = walk(store, "z", "", "q", day=date(2026, 12, 6))
    assert [c.item.contact for c in screen.cards] == ["Ana Lima", "Gus Berg"]
    assert morning.json("show", "Ana")["snoozed_until"] == "2026-12-13"  # a week after the day reviewed
    tally, screen = walk(store, "n", "n", "n", "n", "n", day=date(2026, 12, 6))
    assert "Ana Lima" not in [c.item.contact for c in screen.cards]


def test_an_item_an_earlier_action_cleared_is_passed_over_and_counted(morning, store):
    """A list made before an action (here Ana's folded second touch listed on its own, after Cy) has items the
    action settled: the walk passes over them and counts them."""
    from netlog.network.agenda import due_items

    items = due_items(store.reader, date(2026, 12, 6))
    ana = items[0]
    made_before = [ana._replace(also=()), items[1], ana.also[0], *items[2:]]
    scripted = Scripted("z", "", "n", "q")
    tally = Review(store, TODAY, date(2026, 12, 6), scripted).run(made_before)
    assert [c.item.contact for c in scripted.cards] == ["Ana Lima", "Gus Berg", "Bo Berg"]  # Ana's second touch passed over
    assert tally.line() == "Stopped at 4 of 6. Sent 0, snoozed 1, dismissed 0, cleared 1 along the way; 4 left for tomorrow."


def test_dismiss_on_another_day_is_of_that_day(morning, store):
    walk(store, "x", "q", day=date(2026, 12, 6))
    assert ("Ana Lima", "keep-in-touch") not in due_now(morning, "2026-12-06")


def test_ctrl_c_keeps_what_was_done(morning, store):
    tally, screen = walk(store, "s", "z", KeyboardInterrupt)
    assert tally.interrupted and tally.counts["sent"] == 1
    assert kinds(morning, "Ana")[0] == "thanks"
    assert morning.json("show", "Cy")["snoozed_until"] is None  # interrupted while asking: nothing half-done
    assert tally.line() == "Stopped at 2 of 4. Sent 1, snoozed 0, dismissed 0; 3 left for tomorrow."


def test_ctrl_d_quits(morning, store):
    tally, screen = walk(store, "\x04")
    assert screen.lines == ["quit"] and not tally.finished


def test_an_intro_ask_sent_logs_the_email_and_dismisses_the_intro(netlog, store):
    netlog("add", "Ana Lima", "--on", "2026-10-01", "--strength", "medium")
    netlog("add", "Bo Berg", "--on", "2026-10-01", "--strength", "medium")
    netlog("intro", "Ana", "Bo", "--note", "both hiring")
    tally, screen = walk(store, "s", "q", day=date(2026, 11, 25), limit=1)  # an offer is asked about from the next day
    assert screen.cards[0].item.action == "intro"
    assert tally.counts["sent"] == 1 and "Logged the email you sent (email, today)." in screen.lines


def test_a_draft_that_cannot_be_written_says_so_in_one_line_and_stays(morning, store, tmp_path, monkeypatch):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "thank.txt.j2").write_text("Hi {{ first_name }\n")
    monkeypatch.setenv("NETLOG_TEMPLATES", str(tmp_path / "mine"))
    tally, screen = walk(store, "s", "x", "q")
    assert any(line.startswith("The template thank.txt.j2 cannot be used") for line in screen.lines)
    assert kinds(morning, "Ana") == ["met"] and tally.counts["dismissed"] == 1


def test_the_end_line():
    tally = Tally(5)
    assert tally.line() == "Stopped at 0 of 5. Sent 0, snoozed 0, dismissed 0; 5 left for tomorrow."
    for outcome in ("sent", "sent", "snoozed", "logged", "skipped"):
        tally.add(outcome)
    tally.reached, tally.finished = 5, True
    assert tally.line() == "Sent 2, snoozed 1, dismissed 0, settled 1 with a touch; 1 left for tomorrow."
    assert Tally(0).line() == "Nothing due: your network is in good shape."


def test_a_contact_deleted_meanwhile_is_passed_over(morning, store):
    from netlog.network.agenda import due_items

    items = due_items(store.reader, TODAY)
    morning("rm", "Cy", "--yes")  # another netlog, while the review is on Ana
    scripted = Scripted("n", "n", "n")
    tally = Review(store, TODAY, TODAY, scripted).run(items)
    assert [c.item.contact for c in scripted.cards] == ["Ana Lima", "Bo Berg", "Gus Berg"]
    assert tally.line() == "Sent 0, snoozed 0, dismissed 0, cleared 1 along the way; 3 left for tomorrow."


def test_a_name_two_contacts_share_is_shown_with_its_number(netlog, store):
    """As `due` shows them, so the name copied from the screen names one contact to `done`, `draft` or `show`."""
    netlog("add", "Ana Lima", "--on", "2026-11-20", "--met-at", "PyCon")
    netlog("add", "Ana Lima", "--on", "2026-11-20", "--met-at", "a meetup", "--new")
    netlog("add", "Bo Berg", "--on", "2026-11-20")
    _, screen = walk(store, "n", "n", "n")
    shown = sorted((c.item.contact, c.item.contact_id) for c in screen.cards)
    assert shown == [("Ana Lima (#1)", 1), ("Ana Lima (#2)", 2), ("Bo Berg", 3)]
    assert all(f"(#{c.item.contact_id})" in c.item.reason for c in screen.cards if c.item.contact.startswith("Ana"))
    assert netlog.json("show", "Ana Lima (#2)")["id"] == 2
