"""Alerts: the settings menu (saved addresses, subscriptions, quiet hours) and the buttons
under every outage and event alert."""
