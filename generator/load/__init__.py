"""Stage 1, load: find the editors' YAML files and read them, with locations."""
