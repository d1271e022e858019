"""The active-learning relevance ranker: named components, presets, live use and simulation."""
