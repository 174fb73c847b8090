"""System checks of djoser.sessions settings."""
