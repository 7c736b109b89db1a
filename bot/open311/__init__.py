"""Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) at /open311/v2/.

- discovery.{json,xml}: this endpoint, its formats and where to get a key;
- services.{json,xml}, services/{code}.{json,xml}: the city's categories (catalog.py);
- GET requests.{json,xml} with the spec's filters, GET requests/{id}.{json,xml} (queries.py),
  each request shown without personal data (views.py);
- POST requests.{json,xml} with an api_key from OPEN311_API_KEYS (filing.py): the request is
  filed like a resident's (channel "open311") and its card reaches the staff chat.

Answers are JSON or XML as the path says (formats.py); every failure is the spec's error
list with the HTTP status as its code (app.py's middleware).
"""
