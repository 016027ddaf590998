"""Views of the initiatives app, one module per part of the domain."""
