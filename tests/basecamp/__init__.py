"""Tests of the Basecamp client (bot/basecamp)."""
