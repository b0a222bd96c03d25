"""Publish the Richtlijnen Jeugdhulp en Jeugdbescherming: YAML content in, website and zakgids out."""

__version__ = "0.1.0"
