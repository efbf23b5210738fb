"""The bottom layer: errors, exact JSON, atomic files and loopback checks; imports nothing of ours."""
