"""The life of an emulated message: queued -> sent -> delivered (-> read on Viber),
or a failure (failed, expired).

Moves are forward only. Moving straight to a later status passes through the
statuses in between (queued -> delivered goes via sent), and each status
reached yields its own delivery report, which is what lets the emulator send
reports out of order on request.
"""

TARGET_STATUSES = ("sent", "delivered", "read", "failed", "expired")
PROGRESSION = ["queued", "sent", "delivered", "read"]


class LifecycleError(ValueError):
    """An impossible move (answered with 409 by the control API)."""


def path_to(message: dict, target: str) -> list:
    """The statuses a message passes through to reach `target`, in order."""
    if target not in TARGET_STATUSES:
        raise LifecycleError(f"status must be one of {', '.join(TARGET_STATUSES)}")
    channel, current = message["channel"], message["status"]
    if target == "read" and channel != "viber":
        raise LifecycleError("only Viber messages are read")
    if current not in PROGRESSION:
        raise LifecycleError(f"message is already {current}")
    here = PROGRESSION.index(current)
    if target == "failed":
        if current not in ("queued", "sent"):
            raise LifecycleError(f"message is already {current}")
        return ["failed"]
    if target == "expired":
        if current not in ("queued", "sent"):
            raise LifecycleError(f"message is already {current}")
        return PROGRESSION[here + 1:PROGRESSION.index("sent") + 1] + ["expired"]
    there = PROGRESSION.index(target)
    if there <= here:
        raise LifecycleError(f"message is already {current}, cannot move back to {target}")
    return PROGRESSION[here + 1:there + 1]


def next_step(message: dict, outcome, viber_read: bool):
    """The one status a message moves to next when nobody names one, or None.

    `outcome` is the final outcome configured for the message's number
    (viber_outcome fault) or None for the normal delivered path.
    """
    status = message["status"]
    if status == "queued":
        return "sent"
    if status == "sent":
        return outcome if outcome in ("failed", "expired") else "delivered"
    if status == "delivered" and message["channel"] == "viber" and (viber_read or outcome == "read"):
        return "read"
    return None
