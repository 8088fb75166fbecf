"""Sillok: incident records from reports on North Korea's control of movement and dissent."""

__version__ = "0.1.0"
