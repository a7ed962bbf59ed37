"""The wizard has no models of its own: it edits the domain apps' rows through their services."""
