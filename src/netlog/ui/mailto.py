"""`mailto:` links (RFC 6068) that open a draft in the user's mail app, addressed, with its subject and body
filled in. Pure: text in, the link out; handing it to the desktop is netlog.ui.desktop's job.

    mailto:ana%40example.org?subject=Thank%20you&body=Hi%20Ana%2C%0D%0A%0D%0AThank%20you...

RFC 6068: the address and each header value are UTF-8, percent-encoded; line breaks in the body are
written CRLF (%0D%0A). Every character but the unreserved ones (letters, digits, - . _ ~) is encoded, which
the RFC allows everywhere: a client that reads `+` as a space (as HTML forms do) still gets a plus."""

from __future__ import annotations

from urllib.parse import quote

from netlog.errors import BadInput
from netlog.values.points import looks_like_address


def mailto_link(address: str, subject: str, body: str) -> str:
    """The link that opens a new mail to `address` with `subject` and `body` (its last line break dropped)."""
    to = address.strip()
    if not looks_like_address(to):
        raise BadInput(f'"{address}" is not an email address to write to: netlog edit NAME --email ADDRESS.')
    lines = body.rstrip("\n").replace("\r\n", "\n").split("\n")
    fields = [("subject", " ".join(subject.split())), ("body", "\r\n".join(lines))]
    query = "&".join(f"{name}={quote(value, safe='')}" for name, value in fields if value)
    # In the address "@" stays readable; "?", "#", "%", "/" and "," would end or split it, so they are encoded.
    return f"mailto:{quote(to, safe='@')}" + (f"?{query}" if query else "")
