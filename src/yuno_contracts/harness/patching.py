"""A PATCH in the form the target takes (UPDATE-PARTIAL).

Every documented reading of the update body but one takes the update page's form: the four
fields it marks required, with their stored values, plus the change (``bodies.update_body``).
Reading ``closed`` (the sandbox-tested update body has only amount and payment_description, and a
target may refuse any other field, as the sandbox-tested page lists only those two) refuses that
form. There a change of amount or payment_description is sent alone, and any other change cannot
be sent in a form the target takes: the refusal comes back, marked ``refused_as_closed``::

    patch = patch_session(client, target, created, payment_description="changed")
    if patch.refused_as_closed:
        ...  # the target reads the update body as closed and refused merchant_order_id
    patched = session_answer(patch.response, "UPDATE-200")

The form is asked of the target only after a refusal, with the session's stored values (a PATCH
that changes nothing): the four fields refused and payment_description alone accepted is reading
``closed`` and no other. A target that refuses both forms is not excused: the first refusal comes
back as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import httpx

from yuno_contracts.harness import expect
from yuno_contracts.harness.bodies import UPDATED_UNDER_EVERY_READING, update_body
from yuno_contracts.harness.client import YunoClient
from yuno_contracts.harness.target import Target

__all__ = [
    "Patch",
    "UpdateForm",
    "body_in_form",
    "patch_session",
    "taken_update_form",
    "update_form",
]

UpdateForm = Literal["four", "closed"]
"""``four``: the four fields the update page marks required plus the change. ``closed``: the
change alone, amount and payment_description only."""


@dataclass(frozen=True)
class Patch:
    """A PATCH sent in the form the target takes, and what came back."""

    response: httpx.Response
    body: dict[str, Any]
    form: UpdateForm

    @property
    def refused_as_closed(self) -> bool:
        """The target reads the update body as closed and the change is not one it can carry."""
        return (
            self.form == "closed"
            and self.response.status_code != 200
            and not can_go_alone(self.body)  # a change sent alone is one closed must take
        )


def can_go_alone(changes: dict[str, Any]) -> bool:
    """Whether a change fits the closed form (amount and payment_description only)."""
    return bool(changes) and set(changes) <= set(UPDATED_UNDER_EVERY_READING)


def update_form(client: YunoClient, target: Target, created: dict[str, Any]) -> UpdateForm | None:
    """The PATCH form the target takes, asked with the session's stored values (nothing changes):
    ``four`` if the four-field form is accepted, ``closed`` if it is refused with 400 and
    payment_description alone is accepted, None if neither (not a documented reading)."""
    session_id = created["checkout_session"]
    four = client.update_session(session_id, update_body(target, created))
    if four.status_code == 200:
        return "four"
    if four.status_code != 400:
        return None
    alone = client.update_session(
        session_id, {"payment_description": created.get("payment_description")}
    )
    return "closed" if alone.status_code == 200 else None


def taken_update_form(client: YunoClient, target: Target, created: dict[str, Any]) -> UpdateForm:
    """``update_form`` where a test needs one: a target that takes neither form fails UPDATE-200."""
    form = update_form(client, target, created)
    expect.that(
        form is not None,
        "UPDATE-200",
        "a PATCH of the stored values accepted in the four-field form or alone",
        "both refused",
    )
    assert form is not None
    return form


def body_in_form(
    form: UpdateForm, target: Target, created: dict[str, Any], **changes: Any
) -> dict[str, Any]:
    """The PATCH body of ``changes`` in ``form`` (closed: the changes alone, whatever they are)."""
    return update_body(target, created, **changes) if form == "four" else dict(changes)


def patch_session(
    client: YunoClient, target: Target, created: dict[str, Any], **changes: Any
) -> Patch:
    """PATCH ``changes`` into the session ``created`` answered: the four-field form first; on a
    400, if the target reads the update body as closed, the changes alone (amount and
    payment_description), or the refusal marked ``refused_as_closed`` (any other field)."""
    session_id = created["checkout_session"]
    body = update_body(target, created, **changes)
    response = client.update_session(session_id, body)
    if response.status_code != 400 or update_form(client, target, created) != "closed":
        return Patch(response, body, "four")
    if not can_go_alone(changes):
        return Patch(response, body, "closed")
    alone = dict(changes)
    return Patch(client.update_session(session_id, alone), alone, "closed")
