"""Stage 2, validate: each file against its model, then the corpus as a whole (ids, references)."""
