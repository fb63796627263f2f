"""frontends.live."""
