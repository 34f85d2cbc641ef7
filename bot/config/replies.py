"""Phrases staff add to the reply reader without touching code (config/replies.yaml)."""

from __future__ import annotations

from bot.config.base import StrictModel


class ReplyLexicon(StrictModel):
    """Extra words and phrases for each intent; added to the built-in ones."""

    join: tuple[str, ...] = ()
    decline: tuple[str, ...] = ()
    withdraw: tuple[str, ...] = ()
    maybe: tuple[str, ...] = ()
    question: tuple[str, ...] = ()
    other: tuple[str, ...] = ()
    out_of_office: tuple[str, ...] = ()
    signature_starts: tuple[str, ...] = ()
