"""Live progress of a long task, on the sockets of the user who started it (`/ws/notifications`).

`TaskProgress(user_id, task_id, kind)` is a callable `progress(percent, step)` that any long-running code
can be handed (it knows nothing of what the task does). Each call sends the socket message

    {"meta": "Task progress", "task": {"id", "kind", "state": "PROGRESS", "percent": 0..100, "step": "…"}}

(an identical call is not sent twice); `finished()` and `failed()` send the last one with state SUCCESS or
FAILURE. The task's result and a failure's reason stay where clients read them (`/v1/tasks/<id>`): a page
that sees SUCCESS or FAILURE here asks there at once. `reports_progress(kind, user_arg)` wraps a Celery task
function: it hands the function a `progress` keyword and reports the end, success or failure, by itself.
"""

import functools

from notifications.services import push_to_user


class TaskProgress:
    def __init__(self, user_id, task_id, *, kind=""):
        self.user_id, self.task_id, self.kind = user_id, task_id, kind
        self.percent = 0
        self._last = None

    def __call__(self, percent, step):
        percent = max(0, min(100, int(percent)))
        if (percent, step) == self._last:
            return
        self._last = (percent, step)
        self.percent = percent
        self._send("PROGRESS", percent, step)

    def finished(self, step="Done"):
        self._send("SUCCESS", 100, step)

    def failed(self, step="Failed"):
        self._send("FAILURE", self.percent, step)

    def _send(self, state, percent, step):
        if self.user_id is None or self.task_id is None:
            return
        task = {"id": self.task_id, "kind": self.kind, "state": state, "percent": percent, "step": str(step)}
        push_to_user(self.user_id, {"meta": "Task progress", "task": task})


def current_task_id():
    from celery import current_task

    request = getattr(current_task, "request", None)
    return getattr(request, "id", None)


def reports_progress(kind, *, user_arg):
    """Decorate a task function whose positional argument `user_arg` is the id of the user to tell."""

    def decorate(function):
        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            user_id = args[user_arg] if len(args) > user_arg else kwargs.get("user_id")
            progress = TaskProgress(user_id, current_task_id(), kind=kind)
            try:
                result = function(*args, progress=progress, **kwargs)
            except BaseException:
                progress.failed()
                raise
            progress.finished()
            return result

        return wrapper

    return decorate
