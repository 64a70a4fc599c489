"""Shared pieces of the tickets API views."""

from django.db.models import Q

from roles import permissions as rules
from roles.selectors import event_ids_with_role


def event_visible_q(actor, prefix="event__"):
    """Rows whose event the actor may see: published and alive, or any event they are on the team of."""
    if rules.is_admin(actor):
        return Q()
    visible = Q(**{f"{prefix}state": "published", f"{prefix}deleted_at__isnull": True})
    if rules.is_authenticated(actor):
        visible |= Q(
            **{f"{prefix}id__in": event_ids_with_role(actor, "is_event_team"), f"{prefix}deleted_at__isnull": True}
        )
    return visible


def is_team(actor, event):
    return rules.has_access(actor, "is_event_team", event=event)


class BuyerScopedMixin:
    """`/v1/users/<user_id>/…`: the user themself (and admins) only; anyone else gets 404. Every row is the
    buyer's own, so the buyer may filter on private fields (their own e-mail) too."""

    permission_rules = {"list": "authenticated"}

    def get_buyer_id(self):
        from django.http import Http404

        user = self.request.user
        value = str(self.kwargs["user_id"])
        if not value.isdigit() or not (rules.is_admin(user) or str(user.pk) == value):
            raise Http404("No such user.")
        return int(value)

    def private_fields_owner(self):
        return self.get_buyer_id()
