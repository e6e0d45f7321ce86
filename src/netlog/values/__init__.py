"""Values: the words netlog is made of and the door every value passes. The vocabulary (kinds), normal
forms (folding), typed dates and their range (dates), the door (validation), JSON out (encoding), the one
clock (clock) and files written whole (files). The bottom layer: it imports nothing of netlog but errors."""
