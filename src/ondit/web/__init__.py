"""The analyst's desk: a REST API and a local web page over an ondit database."""

from ondit.web.app import create_app

__all__ = ["create_app"]
