"""The rules. PURE: plain data and `today` in, plain data out; no storage, no terminal, no clock, no
environment (a test holds them to it). What touches add up to (history), what is due and how it ranks
(due), dates as people say them (wording), drafts from templates (drafting). Import the module you need."""
