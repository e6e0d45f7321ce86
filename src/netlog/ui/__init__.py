"""What a person sees and types: the output (render), review's screen and keys (review, terminal), prompts,
the editor, mail links (mailto, desktop) and tab completion. Imported only by cli.py."""
