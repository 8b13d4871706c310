"""The route of each child of a case: rules from the facts to documents, steps, deadlines.

No Flask and no database: storage keeps each step's progress, this package decides.
"""
