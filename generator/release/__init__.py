"""Numbered releases: what changed since the previous release, and deploying a version with mike."""
