"""Touches from the records people keep on disk: one reader per source (mail, calendar, LinkedIn messages,
Telegram, WhatsApp), each turning a file or folder into plain `records.Exchange` values. Pure: no database,
no clock, no terminal; matching to contacts and writing touches belong to the layer above.

Imports nothing on purpose: `netlog --help` must not pay for icalendar or the email package."""
