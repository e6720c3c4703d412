"""Benchmarks of the FlexFlow provider against the engine's own floor (`python -m bench`, `make bench`).

The floor is the same Pulumi program declaring N trivial dynamic resources with the same inputs, whose
provider makes no HTTP call; every operation is timed on both, interleaved, in the same run.
"""
