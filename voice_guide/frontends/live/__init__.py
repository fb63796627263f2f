"""The live voice session: listening, barge-in, the speech queue and the loop (see :mod:`.session`)."""
