"""Stage 4, render: turn the validated corpus into output files in memory; writers put them on disk."""
