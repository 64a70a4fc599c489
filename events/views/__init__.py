"""Server-rendered pages: sign-in/up/out, the organizer dashboard, the event wizard and its image upload."""
