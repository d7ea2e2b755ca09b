"""Reads for the community app. The `*_get_for_viewer` helpers are the one place that
decides who may see a group, a post, an event or a conversation."""
