"""How far netlog goes for what a file asks of it: a template's output, loops and render time, a recurring
event's instances, the time one imported item may take. One place, so the numbers are chosen once."""

from __future__ import annotations

# A template (rules/sandbox.py): a draft is a short mail; these are far above any real one.
TEMPLATE_OUTPUT = 1_000_000  # characters a template may produce, or any one value inside it may hold
TEMPLATE_LOOPS = 1_000_000  # iterations of all a template's loops together
TEMPLATE_SECONDS = 2.0  # render time (checked as the loops run and values are made)

# Importing touches (touches/): a calendar's recurring event, and the time one item may take.
RRULE_INSTANCES = 100_000  # instances of one recurring event expanded before it is skipped
ITEM_SECONDS = 1.0  # one event, mail or chat message; an item that takes longer is skipped as malformed
