"""Author content as the learner's page may hold it, below both check and render.

The one HTML policy (sanitize.py), author Markdown to sanitised HTML (markdown_html.py) and images
checked and cleaned (images.py): render uses them to write pages, check uses the same rules to
report, with a line number, what render would refuse or strip.
"""
