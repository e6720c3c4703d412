"""The emulated services, one package each (models, params, responses, urls), over the shared plumbing."""
