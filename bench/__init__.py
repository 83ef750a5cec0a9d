"""The benchmark of quality.md for the foundation and Correspondencia (see README.md)."""
