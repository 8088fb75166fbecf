"""Sillok's benchmarks (not part of pytest): ``python -m benchmarks.run [NAME...]``, see README.md."""
