"""Stage 3, model: typed, validated content that every renderer reads."""
