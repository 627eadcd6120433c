"""What a reader reads, composed from analysis/, charts/ and tables/: the
HTML page of a run (page.py, scripts/report), the advice as text or Markdown
(advice.py, scripts/advise), a comparison of scripts/ab, compare
(records) and ab RECORD NEW (paired_comparison.py), and one of ab
--instructions (exact_comparison.py), each as text, Markdown or JSON.
"""
