"""The city FAQ: entries in three languages and the matching of free-text questions."""
