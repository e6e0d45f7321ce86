"""Who is using netlog: the name touches are logged by."""

from __future__ import annotations

import os


def current_user() -> str:
    """Who is logging: NETLOG_USER, else the login name."""
    user = os.environ.get("NETLOG_USER")
    if user:
        return user
    try:
        import getpass

        return getpass.getuser()
    except (OSError, KeyError):
        return "me"
