"""Lianes Dash: French decentralised cooperation, as data and as a dashboard."""

__version__ = "0.1.0"
