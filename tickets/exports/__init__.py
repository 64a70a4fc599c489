"""Tickets-side exports of an event (issue 14, item 4): the orders and attendees tables (CSV or PDF through
`events.transfer.formats.tabular`) and attendee badges (a PDF). Built by the `events.export_file` task."""
