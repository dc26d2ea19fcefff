"""The one error tree of patclaims.

It lives in the innermost package (``extractors`` imports none of the others),
so ``crawler``, ``storage`` and ``patclaims`` all raise from the same root.
Every message names the input and says what to do next.
"""


class PatclaimsError(Exception):
    """Root of every error patclaims raises on purpose."""


class InputError(PatclaimsError):
    """An input (file, URL, page) that cannot be used; the message names it."""


class DataFileError(PatclaimsError):
    """A language or site data file that does not validate."""
