"""Every error ondit raises or records, with a stable code, in one place.

Codes let a user search the documentation and let a batch report count errors by kind; the
messages recorded on documents start with their code (``[E201] empty text``).
"""

from __future__ import annotations


class OnditError(Exception):
    """Base of ondit's own errors; the CLI turns them into a message and an exit status."""

    exit_code = 1


class ResourceError(OnditError):
    """A resource file is missing, malformed or breaks its schema."""


class InputError(OnditError):
    """No input could be read at all."""

    exit_code = 2


class StoreError(OnditError):
    """The database cannot be reached or is not an ondit database."""

    exit_code = 2


class NotFoundError(OnditError):
    """A requested document, mention or event does not exist."""


class ReviewError(OnditError):
    """A review names a field that cannot be reviewed or a value the field cannot take."""


class ServeError(OnditError):
    """The web server was asked to start in a way that would expose the database unprotected."""

    exit_code = 2


# Document-level errors: recorded on the document, never raised through a batch.
E_EMPTY = "[E201] empty text"
E_BINARY = "[E202] not text: the content looks binary"
E_BAD_JSON = "[E203] malformed JSON line"
E_NO_TEXT_FIELD = "[E204] JSON record has no 'text' field"
E_BAD_PUBLISHED = "[E205] unparsable 'published' date {value!r}: ignored, date inferred from text"
E_LANGUAGE = "[E206] unsupported language {language!r}"
E_LANGUAGE_UNKNOWN = "[E207] language could not be identified"
E_TOO_LONG = "[E208] text of {size} characters is over the limit of {limit}: truncated"
E_NO_ARTICLE = "[E209] no article text found in HTML"
E_MISSING_PATH = "[E210] input path does not exist: {path}"
E_UNREADABLE = "[E211] cannot read file: {reason}"
E_UNSUPPORTED_FORMAT = "[E212] unsupported input format: {suffix}"
E_ANALYSIS = "[E213] analysis failed: {reason}"
E_NO_ID = "[E214] JSON record has no 'id' field"

# Serving errors.
E_UNSAFE_BIND = (
    "[E401] serving on {host} makes the database reachable from other machines: "
    "set a token with --token or ONDIT_TOKEN, every write will need it"
)
E_NO_ASSETS = "[E402] the web page's assets are missing from {path}: run scripts/vendor_assets.sh"
