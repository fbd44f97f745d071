"""The data layer's core: the schema (every column's meaning), the sources and their licences,
loading and validating the bundled files, the brochure's facts, shared column helpers."""
