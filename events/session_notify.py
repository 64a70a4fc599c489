"""Tell a session's speakers when the team accepts, confirms or rejects it: a bell notification for speakers
with an account, and an e-mail to every speaker when the session asks for it (`send_email`), as the Open
Event server does. Called by `content_services.content_update` after the state changed; the notifications
and mails go out once the transaction commits."""

from notifications.services import notify, send_email

#: state → (subject, message) templates; `{session_name}` and `{event_name}` are filled in. `/v1/sessions/mails`
#: shows them (as the Open Event Server does) to whoever writes the organizer's own mails.
ANNOUNCED = {
    "pending": (
        "Your submission '{session_name}' for {event_name}",
        "We have received your submission '{session_name}' for {event_name}. It will be reviewed by the team.",
    ),
    "accepted": (
        "Your session '{session_name}' was accepted",
        "Your session '{session_name}' was accepted for {event_name}.",
    ),
    "confirmed": (
        "Your session '{session_name}' is confirmed",
        "Your session '{session_name}' is confirmed for {event_name}.",
    ),
    "rejected": (
        "Your session '{session_name}' was not accepted",
        "Your session '{session_name}' was not accepted for {event_name}.",
    ),
    "canceled": (
        "Your session '{session_name}' was canceled",
        "Your session '{session_name}' for {event_name} was canceled by the organizers.",
    ),
    "withdrawn": (
        "Your session '{session_name}' was withdrawn",
        "Your session '{session_name}' for {event_name} was withdrawn.",
    ),
}


def state_mails():
    """The templates of the mails a session's state change sends, per state, and who receives them."""
    mails = {state: {"subject": subject, "message": message} for state, (subject, message) in ANNOUNCED.items()}
    return {**mails, "recipient": "Speaker"}


def announce_session_state(session, old_state):
    if session.state == old_state or session.state not in ANNOUNCED:
        return
    subject, message = ANNOUNCED[session.state]
    values = {"session_name": session.title, "event_name": session.event.name}
    title = subject.format(**values)
    text = message.format(**values)
    for speaker in session.speakers.alive().select_related("user"):
        if speaker.user is not None and speaker.user.is_active:
            notify(user=speaker.user, kind="session_state", title=title, message=f"<p>{text}</p>", target=session)
        address = speaker.email or (speaker.user.email if speaker.user else "")
        if session.send_email and address:
            send_email(to=address, subject=title, body=text + "\n")
