"""Workflows: before the meeting, after the meeting, tracking. See registry.py."""
