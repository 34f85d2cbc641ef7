"""The reply reader, in clear steps shared by the event and mentoring readers (pure).

clean -> clauses -> cues (with fuzzy words) -> negation and hedges -> decide (sure or
unsure) -> context. ``bot.core.replies.classify`` and ``bot.core.mentoring.read_replies``
are the entry points the jobs use.
"""
