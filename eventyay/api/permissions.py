"""One DRF permission class for every API view: it asks `roles.permissions` what the view declared.

A view declares `permission_rules = {action_or_method: rule}` (keys are DRF actions such as `list`,
`retrieve`, `create`, `partial_update`, `destroy`, custom action names, HTTP methods, or `"*"`). A rule is
`"public"`, `"authenticated"`, a `has_access` check name (`"is_admin"`, `"is_organizer"`, …), a
`(action, service)` pair for the Role × Service matrix (`("update", "ticket")`), or a tuple of rules of
which any may pass (`any_of(...)`). The event comes from `view.get_permission_event()` when the view has it.
"""

from rest_framework.permissions import BasePermission

from roles import permissions as rules


def any_of(*alternatives):
    return rules.AnyOf(alternatives)


class RulePermission(BasePermission):
    def _rule(self, request, view):
        declared = getattr(view, "permission_rules", None)
        if declared is None:
            return "authenticated"
        action = view.permission_action() if hasattr(view, "permission_action") else getattr(view, "action", None)
        method = "GET" if getattr(view, "action", None) == "retrieve_related" else request.method
        for key in (action, method, "*"):
            if key in declared:
                return declared[key]
        if method == "PUT" and "partial_update" in declared:
            return declared["partial_update"]
        return None  # not declared: nobody

    def has_permission(self, request, view):
        rule = self._rule(request, view)
        if rule is None:
            return False
        if rules.needs_object(rule):
            # decided in has_object_permission once the object is known; object checks need a signed-in actor
            return rules.is_authenticated(request.user)
        event = view.get_permission_event() if hasattr(view, "get_permission_event") else None
        if rules.check(request.user, rule, event=event):
            return True
        if event is None and rules.needs_event(rule) and _is_detail(view):
            # a detail route not nested under an event: the event comes from the object (has_object_permission)
            return rules.is_authenticated(request.user)
        return False

    def has_object_permission(self, request, view, obj):
        rule = self._rule(request, view)
        if rule is None:
            return False
        event = view.get_permission_event(obj) if hasattr(view, "get_permission_event") else None
        return rules.check(request.user, rule, event=event, obj=obj)


def _is_detail(view):
    lookup = getattr(view, "lookup_url_kwarg", None) or getattr(view, "lookup_field", None)
    return bool(lookup) and lookup in getattr(view, "kwargs", {})
