"""Web-server side of the app (ASGI middleware, memory housekeeping): no page code here."""
