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


#: Every code ondit uses, in one table: what it means and where to look. A test checks that
#: each code written anywhere in the package is listed here.
CODES: dict[str, str] = {
    # Resources (E1xx): a broken installation or resource file; the run stops with the message.
    "E101": "a resource file is missing",
    "E102": "a resource file is not valid YAML",
    "E103": "a language ondit has no resources for",
    "E104": "an unknown kind of resource file",
    "E105": "a resource file does not hold a mapping",
    "E106": "a resource file has unknown keys or lacks required ones",
    "E107": "a resource file declares another language than its folder",
    "E108": "a world resource file lacks its version",
    "E109": "a spaCy pipeline is not installed",
    "E110": "events.yaml names a sub-event type ACLED does not have",
    "E111": "a term in a resource file is not a string (a bare yes/no/on read as a boolean)",
    "E120": "the gazetteer file is missing",
    "E121": "a gazetteer or curated geography file has a malformed line",
    "E122": "the gazetteer was built for another version of the name normaliser or format",
    "E123": "two places share one id",
    "E124": "the place cues file cannot be read",
    "E125": "the place cues file has no section for a language",
    "E126": "the place cues file has unknown keys",
    "E130": "rhetoric.yaml names an unknown technique",
    "E131": "rhetoric.yaml names an unknown genre",
    "E132": "rhetoric.yaml has a malformed pattern",
    "E133": "a rhetoric pattern is not written folded",
    "E134": "a rhetoric pattern is not a valid regular expression",
    "E140": "a sentence-classifier model file cannot be read",
    # Documents (E2xx): recorded on the document, which is kept; the batch goes on.
    "E201": E_EMPTY,
    "E202": E_BINARY,
    "E203": E_BAD_JSON,
    "E204": E_NO_TEXT_FIELD,
    "E205": E_BAD_PUBLISHED,
    "E206": E_LANGUAGE,
    "E207": E_LANGUAGE_UNKNOWN,
    "E208": E_TOO_LONG,
    "E209": E_NO_ARTICLE,
    "E210": E_MISSING_PATH,
    "E211": E_UNREADABLE,
    "E212": E_UNSUPPORTED_FORMAT,
    "E213": E_ANALYSIS,
    "E214": E_NO_ID,
    # Storage (E3xx) and serving (E4xx).
    "E301": "the database cannot be opened or reached",
    "E401": E_UNSAFE_BIND,
    "E402": E_NO_ASSETS,
}
