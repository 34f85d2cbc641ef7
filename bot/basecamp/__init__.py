"""The Basecamp 4 API client: typed resources, retries, pacing and conditional GETs."""

from bot.basecamp.cache import CachedResponse, ConditionalCache, MemoryCache
from bot.basecamp.client import BasecampClient
from bot.basecamp.errors import BasecampError
from bot.basecamp.pacing import NoPacing, Pacer

__all__ = [
    "BasecampClient",
    "BasecampError",
    "CachedResponse",
    "ConditionalCache",
    "MemoryCache",
    "NoPacing",
    "Pacer",
]
