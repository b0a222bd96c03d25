"""The printed outputs: the A6 pocket guide (zakgids) and an A4 sheet (werkkaart) per checklist.

Rendered straight from the model with Jinja2 and WeasyPrint; MkDocs plays no part. The result is
bytes in memory: writers in generator/write/ put them on disk, or the site build adds them to the
docs tree.
"""
