"""Stored HTML is sanitized once, here, with nh3."""

import nh3

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "div",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "target"},
    "img": {"src", "alt", "title", "width", "height"},
    "*": {"class"},
}


def clean_html(value):
    """Return `value` with scripts, event handlers and unsafe URLs removed; None and '' pass through."""
    if not value:
        return value
    return nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


#: what a notification message may hold: text formatting and links, never images (a tracking pixel), tables
NOTIFICATION_TAGS = {"a", "b", "br", "code", "em", "i", "li", "ol", "p", "strong", "ul"}


def html_text(value):
    """`value` as HTML: plain text is escaped (`&`, `<`, `>`), HTML built with `format_html`/`mark_safe` is
    kept. The one way user text enters a notification or any other stored HTML built by the server."""
    from html import escape

    from django.utils.safestring import SafeData

    if value is None:
        return ""
    if isinstance(value, SafeData):
        return str(value)
    return escape(str(value), quote=False)


def clean_notification_html(value):
    """A notification message: `html_text`, then only the tags of NOTIFICATION_TAGS (links with safe schemes)."""
    value = html_text(value)
    if not value:
        return value
    return nh3.clean(
        value,
        tags=NOTIFICATION_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def clean_notification_title(value):
    """A notification title: text only — `html_text` with every tag removed (what remains is escaped text)."""
    value = html_text(value)
    if not value:
        return value
    return nh3.clean(value, tags=set(), attributes={})
