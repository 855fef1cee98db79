"""The site index: everything one page needs to know about the others.

Built once from all articles before any page is rendered (cross-page data must
be complete first), as frozen records: taxonomies (topics, entities, sources,
months), mentions in context, co-mentions and related coverage.
"""
