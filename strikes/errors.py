"""The one root exception of the domain package and its subclasses."""

from __future__ import annotations


class StrikesError(Exception):
    """Root of every error the `strikes` package raises on purpose."""


class SchemaError(StrikesError, ValueError):
    """A feature or row does not fit the event model.

    The message names where (file, feature or row) and which field, what was expected and what arrived.
    """


class StoreError(StrikesError, OSError):
    """The store could not be read or written."""


class ImportFormatError(StrikesError, ValueError):
    """An imported file is not in the format it claims (or was sniffed) to be."""
