"""The target databases: one module per dialect (field tags, syntax, generator), picked by name by ``translate``."""
