"""Community pages, split by sub-domain. Thin: forms parse, services act, selectors read."""
