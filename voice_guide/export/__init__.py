"""Export the guide as audio tracks: plan, render, loudness, writers, manifest (see :mod:`.guide`)."""
