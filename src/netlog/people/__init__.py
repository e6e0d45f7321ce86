"""People: one person, one contact. Resolving a typed name (names), who the user is (me), likely duplicates
(dupes)."""
