class BadgeRefused(ValueError):
    """A badge that does not verify; str() tells the member why, and nothing was changed."""


class BadgeRevoked(BadgeRefused):
    """The issuer revoked (or stopped hosting) the badge: unlike a network failure, a re-check
    that meets this marks an imported badge revoked."""
