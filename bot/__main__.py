"""`python -m bot` runs the `loti-bot` command line."""

from bot.cli import main

main()
