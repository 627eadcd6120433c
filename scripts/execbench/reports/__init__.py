"""What a reader reads, composed from analysis/, charts/ and tables/: the
HTML page of a run (page.py, scripts/report), the advice as text or Markdown
(advice.py, scripts/advise), a comparison of two records (comparison.py,
scripts/compare) and one of scripts/ab (paired_comparison.py, and
exact_comparison.py for its instruction counts), each as text, Markdown or
JSON.
"""
