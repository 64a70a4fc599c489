"""Tell a session's speakers when the team accepts, confirms or rejects it: a bell notification for speakers
with an account, and an e-mail to every speaker when the session asks for it (`send_email`), as the Open
Event server does. Called by `content_services.content_update` after the state changed; the notifications
and mails go out once the transaction commits."""

from notifications.services import notify, send_email

ANNOUNCED = {
    "accepted": ("Your session {title!r} was accepted", "was accepted for {event}."),
    "confirmed": ("Your session {title!r} is confirmed", "is confirmed for {event}."),
    "rejected": ("Your session {title!r} was not accepted", "was not accepted for {event}."),
}


def announce_session_state(session, old_state):
    if session.state == old_state or session.state not in ANNOUNCED:
        return
    title, body = ANNOUNCED[session.state]
    values = {"title": session.title, "event": session.event.name}
    title = title.format(**values)
    text = f"Your session {session.title!r} " + body.format(**values)
    for speaker in session.speakers.alive().select_related("user"):
        if speaker.user is not None and speaker.user.is_active:
            notify(user=speaker.user, kind="session_state", title=title, message=f"<p>{text}</p>", target=session)
        address = speaker.email or (speaker.user.email if speaker.user else "")
        if session.send_email and address:
            send_email(to=address, subject=title, body=text + "\n")
