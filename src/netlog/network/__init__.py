"""The network: the domain the commands act on. Each contact as the rules see it (ties) and its cached
History (cache); what is due today (agenda); every change a command makes (writes); drafts and sending
them (drafts); merging two records of one person (merging); what `list`, `show` and `stats` display
(profiles, stats)."""
