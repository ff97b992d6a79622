"""The archive on the web: server-rendered pages, the JSON API and OAI-PMH, all reading through one service."""
