"""Charts as inline SVG (matplotlib, Agg): the report and the web app draw with these.

Every function takes engine result tables (and labels) and returns SVG text; none reads
data or runs an engine.
"""
