"""Art-prospect: performers book the city's performance sites, fairly and without clashes."""
