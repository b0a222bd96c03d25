"""One module per CLI verb, each exposing `command`."""
