"""Re-export of the one error tree (rooted in ``extractors.errors``, the innermost package)."""
from patclaims.extractors.errors import DataFileError, InputError, PatclaimsError

__all__ = ["PatclaimsError", "InputError", "DataFileError"]
