"""Force data: what each state holds, by taxonomy category, resolved by source rank.

The shipped tables (``force/holdings.csv``, ``force/census.csv``, ``force/unit_rules.csv``,
``force/satellites_ucs.csv``, ``force/transfers_sipri.csv``, ``force/orders.csv``) hold every
cited row, including the ones that lose. This package turns them into one figure per
holder, category and year (``holdings``), says how complete that is for a bloc
(``coverage``), and builds the orders pipeline and import dependence (``orders``).
Everything here is a pure function of DataFrames; ``inputs`` reads them from the dataset.
"""
