"""The JSON:API convention layer shared by every app (see ../shared/design/API.md)."""
