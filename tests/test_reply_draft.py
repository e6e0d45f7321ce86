"""The reply draft leaves room for the answer. In the morning walk of the shared samples, Ben asked "Thursday
4pm?" on LinkedIn and `draft Ben` wrote only "Thank you for your message on 13 October, and sorry to keep you
waiting." and "Best,": a reply that answers nothing, ready to send. Like the circle-back's "[What you did, and
how it went.]", it now holds a placeholder. Today: Monday 2026-11-23 (conftest)."""

from __future__ import annotations


def test_the_reply_draft_has_a_place_for_the_answer(netlog):
    netlog("add", "Ben Okafor", "--on", "2026-10-01")
    netlog("log", "Ben", "message", "--received", "--on", "2026-11-18", "--asks")
    body = netlog("draft", "Ben").stdout
    assert "Thank you for your message on Wednesday, and sorry to keep you waiting.\n\n[Your answer.]\n\nBest," in body, body
