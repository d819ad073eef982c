"""ondit: conflict events from news articles, as claims, with the words behind every value."""

import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
