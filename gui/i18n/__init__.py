"""The window's language (lessons now; the whole interface once it is translated)."""
