"""Generated personas: a person's records in the formats netlog reads, and a script of what they did with them."""
