"""Nothing to register: the wizard has no models."""
