"""Alerts: outages and city events, who is subscribed to what, and when to tell them."""
