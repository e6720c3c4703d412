"""Conversations address configurations (`/v1/Configuration/Addresses`)."""
