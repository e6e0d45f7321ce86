"""Everything vCard: the content-line syntax (lines), contacts <-> cards patched byte for byte (cards),
birthdays as other programs write them (birthdays), and the vdir folders khard and vdirsyncer keep (vdir)."""
