"""Two-way sync with the vdir folders other programs keep (issue 22): an address book, a calendar."""
