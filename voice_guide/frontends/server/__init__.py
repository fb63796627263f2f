"""A Wyoming protocol server: speech to text, intent handling and text to speech for Home Assistant's Assist."""
