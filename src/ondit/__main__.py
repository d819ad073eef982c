"""`python -m ondit`: the same command as `ondit`."""

from ondit.cli import main

main()
