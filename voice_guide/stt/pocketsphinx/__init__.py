"""stt.pocketsphinx."""
