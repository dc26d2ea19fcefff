"""Storage commands (filled in by the storage work)."""
