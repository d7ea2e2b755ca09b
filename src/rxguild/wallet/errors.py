class BadgeRefused(ValueError):
    """A badge that does not verify; str() tells the member why, and nothing was changed."""
