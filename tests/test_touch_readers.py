"""The touch readers on real layouts: the project's own fixtures (tests/fixtures/touches) with the exact
exchanges and skip counts, every skip rule, the shared samples when they are there, and the pieces the
readers stand on (phone numbers, the mbox splitter across block edges, the address fast path).

Pure: no database, no CLI. Every reader gets the suite's TODAY (2026-11-23) and Europe/Lisbon as the
user's zone; the shared samples run into December 2026 and January 2027 precisely so that their future
events are skipped as not over yet."""

from __future__ import annotations

import json
import shutil
from datetime import date, timezone
from email.utils import getaddresses
from zoneinfo import ZoneInfo

import pytest
from conftest import FIXTURES, SHARED_DATA, TODAY
from hypothesis import given
from hypothesis import strategies as st

from netlog.errors import BadInput, NotFound, UnknownOwner
from netlog.touches import calendar, jsonstream, mail, records
from netlog.touches.calendar import read_calendar
from netlog.touches.linkedin_messages import read_linkedin_messages
from netlog.touches.mail import read_mail
from netlog.touches.records import Me, Skip, normalize_phone
from netlog.touches.telegram import read_telegram
from netlog.touches.whatsapp import read_whatsapp

HERE = FIXTURES / "touches"
DAY = date.fromisoformat(TODAY)
LISBON = ZoneInfo("Europe/Lisbon")
KIM = Me.of(names=["Kim Oduya"], emails=["kim.oduya@example.org"])
SAM = Me.of(names=["Sam Rivera"], emails=["sam.rivera@example.org", "sam@rivera.example"])
shared = pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="no shared samples beside the project")


def rows(reading) -> list[tuple]:
    """Each exchange as (day, kind, direction, who, subject, place); who by address, URL or name."""
    return [
        (
            e.on.isoformat(), e.kind, e.direction,
            tuple(p.emails[0] if p.emails else p.url or p.name for p in e.parties),
            e.subject, e.place,
        )
        for e in reading.exchanges
    ]  # fmt: skip


def counts(reading) -> dict[str, int]:
    return {str(reason): n for reason, n in reading.skipped.items() if n}


# Mail


def test_takeout_mbox_gives_one_email_per_personal_message_and_counts_every_skip():
    reading = read_mail(HERE / "takeout.mbox", KIM, zone=LISBON)
    assert rows(reading) == [
        ("2026-06-01", "email", "out", ("noor@haddad.example",), "Old thread", None),
        # Cc'd to Renée (address case and the space before > ignored) and to Kim herself, who is left out
        ("2026-09-01", "email", "out", ("noor@haddad.example", "renee@fournier.example"), "Intro: Noor <> Renée", None),
        # 08:30 in Tokyo on the 3rd is 00:30 in Lisbon on the 3rd, 23:30 UTC on the 2nd
        ("2026-09-03", "email", "in", ("noor@haddad.example",), "Re: Intro: Noor <> Renée", None),
        ("2026-09-09", "email", "in", ("renee@fournier.example",), "Re: Intro", None),
        (
            "2026-09-10",
            "email",
            "in",
            ("tomas@berg.example",),
            "Odd date: two-digit year, no weekday, no seconds, a US zone name",
            None,
        ),
        ("2026-09-11", "email", "in", ("tomas@berg.example",), "Unreadable date: the From line's date is used", None),
        ("2026-09-12", "email", "out", ("tomas@berg.example",), "From my other address", None),
        ("2026-09-13", "email", "in", ("tomas@berg.example",), "Re: From my other address", None),
    ]
    assert counts(reading) == {
        "mailing list": 1, "bulk": 2, "auto-submitted": 1, "no-reply sender": 1, "more than 20 recipients": 1,
        "draft": 1, "malformed": 1, "only me": 1, "not involving me": 1,
    }  # fmt: skip
    assert reading.read == 18  # every message of the file, so an unescaped "From " mid-paragraph split nothing
    # the Sent label made the second address Kim's, so mail to it is received mail
    assert reading.owner.emails == {"kim.oduya@example.org", "kim@oduya.example"}


def test_mail_decodes_encoded_words_and_turns_last_first_round():
    names = {
        p.emails[0]: p.name for e in read_mail(HERE / "takeout.mbox", KIM, zone=LISBON).exchanges for p in e.parties
    }
    assert names["noor@haddad.example"] in ("Noor Haddad", "نور حداد")  # UTF-8 B-encoded in the reply
    assert names["renee@fournier.example"] == "Renée Fournier"  # UTF-8 Q and ISO-8859-1 Q
    sender = read_mail(HERE / "maildir", KIM, zone=LISBON).exchanges[1].parties[0]
    assert sender.name == "نور حداد"
    samples = {"Rossi, Marco": "Marco Rossi", "Acme, Inc.": "Acme, Inc.", "King, Jr.": "King, Jr.", "": None}
    assert {raw: mail._display_name(raw) for raw in samples} == samples


def test_mail_source_ids_are_message_ids_or_a_digest_stable_across_exports(tmp_path):
    first = {e.subject: e.source_id for e in read_mail(HERE / "takeout.mbox", KIM, zone=LISBON).exchanges}
    assert first["Intro: Noor <> Renée"] == "sent-1@mail.example.org"
    assert first["Re: Intro"].startswith("sha1:")
    # the same messages as a Maildir: the same keys, so importing both adds each message once
    both = {e.source_id for e in read_mail(HERE / "maildir", KIM, zone=LISBON).exchanges}
    assert {"sent-1@mail.example.org", "reply-1@haddad.example"} <= both
    # a later export with the same message written again (other line ends, other order): the same digest
    again = tmp_path / "again.mbox"
    again.write_bytes((HERE / "takeout.mbox").read_bytes().replace(b"\r\n", b"\n"))
    assert {e.subject: e.source_id for e in read_mail(again, KIM, zone=LISBON).exchanges} == first


def test_a_message_read_twice_is_one_exchange(tmp_path):
    twice = tmp_path / "twice.mbox"
    one = (HERE / "takeout.mbox").read_bytes()
    twice.write_bytes(one + b"\r\n" + one)  # an mbox message ends with a blank line before the next "From "
    once = read_mail(HERE / "takeout.mbox", KIM, zone=LISBON)
    reading = read_mail(twice, KIM, zone=LISBON)
    assert rows(reading) == rows(once)
    assert counts(reading) == {k: 2 * n for k, n in counts(once).items()} | {"read twice": 8}


def test_maildir_reads_cur_and_new_not_tmp_nor_dot_files_and_dates_by_file_name():
    reading = read_mail(HERE / "maildir", KIM, zone=LISBON)
    assert rows(reading) == [
        ("2026-09-01", "email", "out", ("noor@haddad.example", "renee@fournier.example"), "Intro: Noor <> Renée", None),
        ("2026-09-03", "email", "in", ("noor@haddad.example",), "Re: Intro: Noor <> Renée", None),
        ("2026-09-05", "email", "in", ("tomas@berg.example",), "No Date header: the file name says when it came", None),
    ]
    assert counts(reading) == {"mailing list": 1}


def test_mail_since_counts_what_it_leaves_out():
    reading = read_mail(HERE / "takeout.mbox", KIM, since=date(2026, 9, 1), zone=LISBON)
    assert counts(reading)["before --since"] == 1
    assert min(e.on for e in reading.exchanges) == date(2026, 9, 1)


def test_mail_day_is_the_users_day():
    at = {
        z: read_mail(HERE / "maildir", KIM, zone=ZoneInfo(z)).exchanges[1].on
        for z in ("Europe/Lisbon", "UTC", "Asia/Tokyo")
    }
    assert at == {"Europe/Lisbon": date(2026, 9, 3), "UTC": date(2026, 9, 2), "Asia/Tokyo": date(2026, 9, 3)}


def test_mail_owner_from_the_file_or_a_clear_error(tmp_path):
    # no --me: Delivered-To and the Sent label say who the mailbox belongs to
    assert read_mail(HERE / "takeout.mbox", zone=LISBON).owner.emails == {"kim.oduya@example.org", "kim@oduya.example"}
    bare = tmp_path / "bare.mbox"
    bare.write_bytes(
        b"From x Mon Sep 14 10:00:00 2026\nFrom: a@example.com\nTo: b@example.com\n"
        b"Date: Mon, 14 Sep 2026 10:00:00 +0000\n\nhi\n"
    )
    with pytest.raises(UnknownOwner, match="--me"):
        read_mail(bare)


def test_mail_rejects_what_is_not_mail_in_one_line(tmp_path):
    (tmp_path / "notes.txt").write_text("Dear diary\n")
    (tmp_path / "folder").mkdir()
    with pytest.raises(BadInput, match='not an mbox file: it does not start with a "From " line'):
        read_mail(tmp_path / "notes.txt", KIM)
    with pytest.raises(BadInput, match="not a Maildir"):
        read_mail(tmp_path / "folder", KIM)
    with pytest.raises(NotFound):
        read_mail(tmp_path / "missing.mbox", KIM)
    (tmp_path / "empty.mbox").write_bytes(b"")
    assert read_mail(tmp_path / "empty.mbox", KIM).read == 0


@pytest.mark.parametrize("chunk", [7, 64, 333, 4096])
def test_mbox_splits_the_same_at_any_block_size(monkeypatch, chunk):
    """Messages, header blocks and separators cut across block edges read as when read whole."""
    whole = rows(read_mail(HERE / "takeout.mbox", KIM, zone=LISBON))
    monkeypatch.setattr(mail, "CHUNK", chunk)
    assert rows(read_mail(HERE / "takeout.mbox", KIM, zone=LISBON)) == whole


def test_mbox_reports_progress_in_bytes_up_to_the_size():
    seen = []
    read_mail(HERE / "takeout.mbox", KIM, progress=lambda done, total: seen.append((done, total)))
    size = (HERE / "takeout.mbox").stat().st_size
    assert len(seen) == 18 and seen[-1] == (size, size) and [d for d, _ in seen] == sorted(d for d, _ in seen)


_word = st.text(st.sampled_from("abcxyzÉé -'."), min_size=1, max_size=12).filter(lambda s: s.strip())
_address = st.builds(
    lambda a, b: f"{a}@{b}.example",
    st.from_regex(r"[a-z][a-z0-9._+-]{0,8}", fullmatch=True),
    st.sampled_from(["x", "mail.y"]),
)
_entry = st.one_of(
    _address,
    st.builds(lambda n, a: f"{n} <{a}>", _word, _address),
    st.builds(lambda n, a: f'"{n}, {n}" <{a}>', _word, _address),
    st.builds(lambda a: f"<{a}>", _address),
)


@given(st.lists(_entry, min_size=1, max_size=5))
def test_address_fast_path_agrees_with_getaddresses(entries):
    value = ", ".join(entries)
    ours = [(" ".join(n.split()), a) for n, a in mail._split_addresses([value])]
    assert ours == [(" ".join(n.split()), a) for n, a in getaddresses([value])]


# Calendar


def test_google_export_gives_past_meetings_with_recurring_instances_and_counts_every_skip():
    reading = read_calendar(HERE / "calendar.ics", DAY, zone=LISBON)
    assert rows(reading) == [
        # the room is not a party; LOCATION's escaped commas read back
        ("2026-09-02", "met", "both", ("noor@haddad.example",), "Coffee with Noor", "Café Nicola, Rossio, Lisboa"),
        # "Tomas / Kim: hiring" (Kim: TENTATIVE) and the offsite (Kim had not answered) are invitations not
        # accepted: no meeting (issue 22)
        # a Zoom URL as LOCATION: video, and no place; the file's own VTIMEZONE "Custom Tokyo" resolves
        ("2026-09-15", "video", "both", ("renee@fournier.example",), "Early call from Tokyo", None),
        # weekly until 12 Oct: 21 Sep is an EXDATE, 14 Sep moved to Tuesday the 15th, 5 Oct cancelled
        ("2026-09-07", "video", "both", ("tomas@berg.example",), "Kim / Tomas weekly", None),
        ("2026-09-15", "video", "both", ("tomas@berg.example",), "Kim / Tomas weekly (moved to Tuesday)", None),
        ("2026-09-28", "video", "both", ("tomas@berg.example",), "Kim / Tomas weekly", None),
        ("2026-10-12", "video", "both", ("tomas@berg.example",), "Kim / Tomas weekly", None),
    ]
    assert counts(reading) == {
        "malformed": 1, "cancelled": 2, "declined": 1, "not accepted": 2, "more than 20 attendees": 1, "no one else": 1,
        "not involving me": 1, "not over yet": 1,
    }  # fmt: skip
    assert reading.owner.emails == {"kim.oduya@example.org"}  # X-WR-CALNAME


def test_calendar_source_ids_are_uid_and_original_start():
    ids = [e.source_id for e in read_calendar(HERE / "calendar.ics", DAY, zone=LISBON).exchanges]
    assert ids[0] == "coffee-noor@google.com/20260902T090000Z"
    assert "offsite-tomas@google.com/20261008" not in ids  # never answered: not a meeting (issue 22)
    # the moved instance keeps the key of the Monday it was moved from
    assert "weekly-tomas@google.com/20260914T100000Z" in ids and len(set(ids)) == len(ids)


def test_calendar_today_and_since_bound_the_instances():
    later = read_calendar(HERE / "calendar.ics", date(2027, 1, 1), zone=LISBON)
    assert ("2026-12-15", "met", "both", ("noor@haddad.example",), "Year-end dinner", None) in rows(later)
    recent = read_calendar(HERE / "calendar.ics", DAY, since=date(2026, 10, 1), zone=LISBON)
    assert [r[0] for r in rows(recent)] == ["2026-10-12"]  # the offsite of 8 Oct was never accepted
    assert counts(recent)["before --since"] == 8  # the cancelled and declined ones are older too
    assert counts(recent)["not accepted"] == 1


def test_vdir_reads_each_ics_and_skips_metadata_and_broken_files():
    reading = read_calendar(HERE / "vdir", DAY, me=KIM, zone=LISBON)
    assert rows(reading) == [
        ("2026-10-06", "video", "both", ("tomas@berg.example",), "Call with Tomas", None),  # a Jitsi link
        (
            "2026-09-19",
            "met",
            "both",
            ("renee@fournier.example",),
            "Climbing (floating time)",
            "Climbing gym, Alcântara",
        ),
    ]
    # notes.ics is no calendar; the yearly birthday has no one else and counts once, not once a year
    assert counts(reading) == {"malformed": 1, "no one else": 1}
    with pytest.raises(UnknownOwner, match="--me"):
        read_calendar(HERE / "vdir", DAY)


def test_calendar_rejects_what_is_not_a_calendar(tmp_path):
    (tmp_path / "x.ics").write_text("hello\n")
    with pytest.raises(BadInput, match="not an iCalendar file"):
        read_calendar(tmp_path / "x.ics", DAY, me=KIM)
    (tmp_path / "empty").mkdir()
    with pytest.raises(BadInput, match="without .ics files"):
        read_calendar(tmp_path / "empty", DAY, me=KIM)


def test_long_series_keep_their_newest_instances(tmp_path, monkeypatch):
    monkeypatch.setattr(calendar, "MAX_INSTANCES", 10)
    (tmp_path / "daily.ics").write_text(
        "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:daily\nDTSTART:20260101T090000Z\nRRULE:FREQ=DAILY\n"
        "ORGANIZER:mailto:kim.oduya@example.org\nATTENDEE:mailto:noor@haddad.example\nSUMMARY:Standup\nEND:VEVENT\nEND:VCALENDAR\n"
    )
    reading = read_calendar(tmp_path / "daily.ics", DAY, me=KIM, zone=timezone.utc)
    assert [e.on for e in reading.exchanges] == [date(2026, 11, d) for d in range(13, 23)]
    assert counts(reading) == {"recurring beyond the cap": 316, "not over yet": 2}  # 1 Jan to 12 Nov; 23 and 24 Nov


# LinkedIn messages


def test_linkedin_messages_one_per_message_with_one_person():
    reading = read_linkedin_messages(HERE / "messages.csv", zone=LISBON)
    assert rows(reading) == [
        ("2026-11-20", "message", "out", ("linkedin.com/in/noor-haddad",), None, None),
        ("2026-11-19", "message", "in", ("linkedin.com/in/noor-haddad",), None, None),  # 23:30 UTC, Lisbon's 19th
        ("2026-10-10", "message", "in", ("linkedin.com/in/acoaabx9y8z7w6v5",), "Meetup follow-up", None),
        ("2024-03-01", "message", "in", ("linkedin.com/in/tomasberg",), None, None),
    ]
    assert counts(reading) == {"draft": 1, "sponsored": 1, "group chat or channel": 1, "malformed": 1}
    assert reading.owner.urls == {"linkedin.com/in/kim-oduya"}  # the one profile on every message
    assert reading.exchanges[0].source_id == "2-Y29udi1ub29yLTE=/2026-11-20T08:00:00Z/linkedin.com/in/kim-oduya"
    assert reading.exchanges[2].parties[0].name == "Lena Fischer"  # not connected: matched by name


def test_linkedin_older_ten_column_layout_and_owner_by_url():
    # one conversation: both people are on every row, so the file cannot say which is the user
    with pytest.raises(UnknownOwner, match="--me"):
        read_linkedin_messages(HERE / "messages-old.csv")
    reading = read_linkedin_messages(
        HERE / "messages-old.csv", Me.of(urls=["https://www.linkedin.com/in/kim-oduya/"]), zone=LISBON
    )
    assert rows(reading) == [
        ("2021-05-04", "message", "out", ("linkedin.com/in/noor-haddad",), None, None),
        ("2021-05-05", "message", "in", ("linkedin.com/in/noor-haddad",), None, None),
    ]
    by_name = read_linkedin_messages(HERE / "messages-old.csv", Me.of(names=["kim oduya"]), zone=LISBON)
    assert rows(by_name) == rows(reading)
    assert counts(read_linkedin_messages(HERE / "messages.csv", since=date(2026, 11, 1), zone=LISBON)) == {
        "draft": 1, "sponsored": 1, "malformed": 1, "before --since": 3,
    }  # fmt: skip


def test_linkedin_rejects_other_csv(tmp_path):
    with pytest.raises(BadInput, match="not a LinkedIn messages.csv: no CONVERSATION ID"):
        read_linkedin_messages(FIXTURES / "linkedin.csv", KIM)


# Telegram


def test_telegram_personal_chats_give_messages_and_calls():
    reading = read_telegram(HERE / "result.json", zone=LISBON)
    assert rows(reading) == [
        ("2026-11-14", "message", "out", ("Noor Haddad",), None, None),
        ("2026-11-15", "message", "in", ("Noor Haddad",), None, None),
        ("2026-11-16", "call", "both", ("Noor Haddad",), None, None),  # 754 s
        ("2026-11-18", "message", "in", ("Noor Haddad",), None, None),  # a photo without text
        ("2026-11-19", "message", "in", ("Noor Haddad",), None, None),
        ("2025-12-31", "message", "in", ("Tomas",), None, None),
        ("2026-10-02", "message", "out", ("Tomas",), None, None),
    ]
    assert counts(reading) == {
        "missed call": 2, "service message": 1, "malformed": 1, "deleted account": 1, "group chat or channel": 2,
        "bot": 1, "only me": 1,
    }  # fmt: skip
    noor, tomas = reading.exchanges[0].parties[0], reading.exchanges[-1].parties[0]
    assert (noor.source_id, noor.phones) == ("7100001", ("+351912000111",))
    assert (tomas.source_id, tomas.phones) == ("7100002", ("+46701112233",))  # "0046 70 111 22 33"
    assert reading.exchanges[2].source_id == "7100001/103"
    assert reading.owner.user_ids == {"7000001"}


def test_telegram_single_chat_export_and_since(tmp_path):
    export = json.loads((HERE / "result.json").read_text())
    one = tmp_path / "result.json"
    one.write_text(json.dumps(export["chats"]["list"][1]))  # "Export chat history" on Tomas: no personal_information
    reading = read_telegram(one, since=date(2026, 1, 1), zone=LISBON)
    assert rows(reading) == [("2026-10-02", "message", "out", ("Tomas",), None, None)]
    assert counts(reading) == {"before --since": 1, "malformed": 1}
    assert reading.owner.user_ids == {"7000001"}  # the sender who is not the chat


def test_telegram_rejects_other_json(tmp_path):
    (tmp_path / "x.json").write_text('{"hello": 1}')
    (tmp_path / "y.json").write_text("not json")
    for name in ("x.json", "y.json"):
        with pytest.raises(BadInput, match="is not a Telegram export"):
            read_telegram(tmp_path / name)


# WhatsApp


def test_whatsapp_android_chat_with_one_person():
    reading = read_whatsapp(HERE / "whatsapp" / "WhatsApp Chat with Noor Haddad.txt")
    assert [(e.on.isoformat(), e.direction, e.parties[0].name, e.at.strftime("%H:%M")) for e in reading.exchanges] == [
        ("2026-10-05", "out", "Noor Haddad", "09:01"),
        ("2026-10-13", "in", "Noor Haddad", "21:15"),  # three lines, one message
        ("2026-10-13", "in", "Noor Haddad", "21:16"),  # <Media omitted>
        ("2026-10-14", "out", "Noor Haddad", "08:40"),  # an attached file
    ]
    # the encryption notice, a deleted message, "changed the subject to: ..." and the number change
    assert counts(reading) == {"service message": 4, "missed call": 1}
    assert reading.owner.names == {"kim oduya"}  # the file name says Noor; the other sender is the user
    assert reading.exchanges[0].source_id == "Noor Haddad/2026-10-05T09:01/Kim Oduya/1"


def test_whatsapp_iphone_chat_month_first_twelve_hour_clock():
    reading = read_whatsapp(HERE / "whatsapp" / "WhatsApp Chat - Tomas Berg.txt", since=date(2026, 10, 1))
    assert [(e.at.isoformat(), e.direction) for e in reading.exchanges] == [
        ("2026-10-14T20:05:09", "in"),
        ("2026-10-14T20:07:30", "out"),
    ]
    assert counts(reading) == {"missed call": 1}


def test_whatsapp_group_chat_is_skipped_and_bad_files_say_so(tmp_path):
    group = read_whatsapp(HERE / "whatsapp" / "WhatsApp Chat with Lisbon data people.txt", KIM)
    assert (group.exchanges, counts(group)) == ([], {"group chat or channel": 3})
    with pytest.raises(UnknownOwner, match="--me"):
        read_whatsapp(HERE / "whatsapp" / "WhatsApp Chat with Lisbon data people.txt")
    (tmp_path / "chat.txt").write_text("just some notes\n")
    with pytest.raises(BadInput, match="not a WhatsApp chat export"):
        read_whatsapp(tmp_path / "chat.txt", KIM)


# jsonstream: the walker under the Telegram reader

_json = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**12), 10**12)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(["a", "b", "messages", "x y"]), inner, max_size=4)
    ),
    max_leaves=25,
)


@given(_json, st.sampled_from([1, 2, 3, 7, 64]))
def test_jsonstream_reads_what_json_reads_at_any_block_size(doc, block):
    import io
    from unittest import mock

    text = json.dumps({"chats": {"list": [{"messages": [doc, doc]}]}, "messages": doc}, indent=1)
    with mock.patch.object(jsonstream, "BLOCK", block):
        walked = jsonstream.load(
            io.StringIO(text), {("chats", "list", "*", "messages"), ("messages",)}, lambda m: ("seen", m)
        )
    expected = json.loads(text)
    expected["chats"]["list"][0]["messages"] = [("seen", doc), ("seen", doc)]
    if isinstance(doc, list):
        expected["messages"] = [("seen", m) for m in doc]
    assert walked == expected


@pytest.mark.parametrize("text", ['{"a": 1', '{"a": [1, 2}', "[1] [2]", "", '{"messages": [1,, 2]}'])
def test_jsonstream_refuses_what_is_not_json(text):
    import io

    with pytest.raises(json.JSONDecodeError):
        jsonstream.load(io.StringIO(text), {("messages",)}, lambda m: m)


# Records


@pytest.mark.parametrize(
    "raw, country, expected",
    [
        ("+351 912 345 678", None, "+351912345678"),
        ("00351912345678", None, "+351912345678"),
        ("tel:+351-912-345-678", None, "+351912345678"),
        ("(912) 345-678", None, "912345678"),
        ("020 7946 0958", "44", "+442079460958"),
        ("+1 555 0100 ext. 12", None, "+15550100"),
        ("1-800-FLOWERS", None, None),
        ("12", None, None),
        ("", None, None),
    ],
)
def test_normalize_phone(raw, country, expected):
    assert normalize_phone(raw, country) == expected


def test_me_compares_in_normal_forms():
    me = Me.of(
        names=["José Ramírez"],
        emails=[" Jose@Example.COM "],
        urls=["https://www.linkedin.com/in/jose/"],
        phones=["0034 600 000 000"],
    )
    assert me.emails == {"jose@example.com"} and me.urls == {"linkedin.com/in/jose"}
    assert me.has_name("jose ramirez") and me.has_phone("+34 600 000 000") and not me.has_name(None)
    assert (me | Me.of(emails=["j@example.org"])).emails == {"jose@example.com", "j@example.org"}


def test_every_reading_accounts_for_every_unit():
    readings = [
        read_mail(HERE / "takeout.mbox", KIM),
        read_calendar(HERE / "calendar.ics", DAY),
        read_linkedin_messages(HERE / "messages.csv"),
        read_telegram(HERE / "result.json"),
    ]
    assert [r.read for r in readings] == [18, 16, 8, 16]
    assert all(isinstance(reason, Skip) for r in readings for reason in r.skipped)
    assert all(e.kind in ("email", "message", "call", "video", "met") for r in readings for e in r.exchanges)


# The shared samples (../shared/data), when present


@shared
def test_shared_takeout_and_maildir():
    takeout = read_mail(SHARED_DATA / "mail" / "takeout.mbox", SAM, zone=LISBON)
    assert takeout.read == 41 and len(takeout.exchanges) == 35
    assert counts(takeout) == {
        "mailing list": 1,
        "bulk": 1,
        "auto-submitted": 2,
        "no-reply sender": 1,
        "more than 20 recipients": 1,
    }
    by_subject = {e.subject: e for e in takeout.exchanges}
    intro = by_subject["Intro: Sam <> Priya"]  # Marco's intro, Priya in Cc: a touch with Marco only
    assert (intro.direction, [p.emails[0] for p in intro.parties], intro.parties[0].name) == (
        "in",
        ["marco.rossi@example.it"],
        "Marco Rossi",
    )
    assert by_subject["Re: Barcelona meetup"].source_id.startswith("sha1:")  # José's reply has no Message-ID
    assert {p.name for e in takeout.exchanges for p in e.parties} >= {
        "Élodie Martin-Dubois",
        "Dara Ó Súilleabháin",
        "José Ramírez",
    }
    maildir = read_mail(SHARED_DATA / "mail" / "maildir", SAM, zone=LISBON)
    assert (maildir.read, len(maildir.exchanges), counts(maildir)) == (6, 5, {"mailing list": 1})
    assert {e.source_id for e in maildir.exchanges} <= {e.source_id for e in takeout.exchanges}


@shared
def test_shared_calendar_and_vdir():
    google = read_calendar(SHARED_DATA / "calendar" / "google-export.ics", DAY, zone=LISBON)
    assert counts(google) == {
        "cancelled": 1,
        "declined": 1,
        "more than 20 attendees": 1,
        "not over yet": 2,
        "not accepted": 1,  # the Barcelona meetup, where Sam is only TENTATIVE
        "no one else": 1,
    }
    weekly = [e for e in google.exchanges if e.source_id.startswith("weekly1on1marco")]
    assert [e.on.isoformat() for e in weekly] == [
        "2026-09-07", "2026-09-14", "2026-09-21", "2026-10-05", "2026-10-13", "2026-10-19", "2026-10-26", "2026-11-02",
        "2026-11-09", "2026-11-16",
    ]  # fmt: skip
    assert {e.kind for e in weekly} == {"video"}  # the moved instance keeps the series' Meet link
    priya = next(e for e in google.exchanges if e.subject.startswith("Coffee with Priya"))
    assert (priya.on, priya.kind, priya.place) == (date(2026, 9, 22), "met", "Café A Brasileira, Chiado")
    vdir = read_calendar(SHARED_DATA / "calendar" / "vdir", DAY, me=SAM, zone=LISBON)
    assert rows(vdir) == [
        ("2026-10-06", "video", "both", ("jose.ramirez@example.com",), "Call with José", None),
        ("2026-09-19", "met", "both", ("dara@example.ie",), "Climbing with Dara", "Escalada Lisboa"),
    ]
    assert counts(vdir) == {"cancelled": 1, "not over yet": 1, "no one else": 1}


@shared
def test_shared_linkedin_messages_and_telegram():
    linkedin = read_linkedin_messages(SHARED_DATA / "linkedin" / "messages.csv", zone=LISBON)
    assert (linkedin.read, len(linkedin.exchanges), counts(linkedin)) == (25, 23, {"draft": 1, "sponsored": 1})
    assert linkedin.owner.urls == {"linkedin.com/in/sam-rivera-example"}
    anas = {p.url for e in linkedin.exchanges for p in e.parties if p.name == "Ana Lima"}
    assert anas == {"linkedin.com/in/ana-lima-0a1b2c", "linkedin.com/in/ana-lima-77"}  # two people, told apart by URL
    telegram = read_telegram(SHARED_DATA / "telegram" / "result.json", zone=LISBON)
    assert [(e.on.isoformat(), e.kind, e.direction, e.parties[0].name) for e in telegram.exchanges] == [
        ("2026-11-14", "message", "out", "Ana Lima"), ("2026-11-14", "message", "in", "Ana Lima"),
        ("2026-11-16", "call", "both", "Ana Lima"), ("2026-11-18", "message", "in", "Ana Lima"),
        ("2026-11-19", "message", "in", "Ana Lima"), ("2026-10-02", "message", "in", "Gus Berg"),
        ("2026-10-02", "message", "out", "Gus Berg"), ("2026-10-20", "call", "both", "Gus Berg"),
    ]  # fmt: skip
    assert counts(telegram) == {"missed call": 1, "deleted account": 1, "group chat or channel": 3, "only me": 1}
    assert telegram.exchanges[0].parties[0].phones == ("+351912345678",)


@shared
def test_shared_whatsapp():
    reading = read_whatsapp(SHARED_DATA / "whatsapp" / "WhatsApp Chat with Ana Lima.txt")
    assert [(e.on.isoformat(), e.direction) for e in reading.exchanges] == [
        ("2026-11-14", "out"), ("2026-11-14", "in"), ("2026-11-14", "in"), ("2026-11-16", "in"), ("2026-11-16", "out"),
        ("2026-11-19", "in"), ("2026-11-19", "out"), ("2026-11-19", "out"), ("2026-11-20", "in"),
    ]  # fmt: skip
    assert counts(reading) == {"service message": 3, "missed call": 1}


def test_readers_import_nothing_heavy_at_package_import():
    import subprocess
    import sys

    heavy = ("icalendar", "dateutil", "email.parser")
    code = f"import sys, netlog.touches, netlog.touches.records; print(sorted(m for m in {heavy} if m in sys.modules))"
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "[]"


def test_fixture_folders_survive_git(tmp_path):
    """git keeps no empty folders: the Maildir's tmp/ is held by .keep, and a copy still reads as a Maildir."""
    copy = tmp_path / "maildir"
    shutil.copytree(HERE / "maildir", copy)
    assert (copy / "tmp" / ".keep").exists() and mail.detect(copy) == "maildir"
    assert records.Reading("x").read == 0
