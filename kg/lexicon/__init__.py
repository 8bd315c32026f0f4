"""General resources, loaded once per process and never tied to particular documents.

- ``divisions``: China's administrative divisions (province → county) with codes,
  parents, short forms and a matcher for their names in text.
- ``posts``: post titles and organisation suffixes.
- ``surnames`` and ``names``: surname lists and person-name helpers.
"""
