"""Stage 5, write: the only code that touches output files."""
