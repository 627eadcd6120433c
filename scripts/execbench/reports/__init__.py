"""What a reader reads, composed from analysis/, charts/ and tables/: the
HTML page of a run (page.py, scripts/report), the advice as text or Markdown
(advice.py, scripts/advise) and a comparison of two records as text,
Markdown or JSON (comparison.py, scripts/compare).
"""
