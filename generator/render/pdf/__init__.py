"""The printed outputs: the A6 pocket guide (zakgids) of the whole publication, an A6 guide per
guideline, and an A4 sheet (werkkaart) per checklist.

Rendered straight from the model with Jinja2 and WeasyPrint; MkDocs plays no part. The result is
bytes in memory: writers in generator/write/ put them on disk, or the site build adds them to the
docs tree. Rendering runs in a pool of processes and skips documents whose output is in the cache
(generator/write/pdf_cache.py), so a build after a small edit renders only what changed.
"""
