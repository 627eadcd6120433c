"""Reading, charting, tabulating and comparing execbench's benchmark results."""
