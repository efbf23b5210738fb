"""The small edits the fault switches of ``faults.py`` are made of.

Each function here edits the faithful ``Behaviour`` (``behaviour.faithful_behaviour``), or one
of its rule tables, and returns the edited copy: ``faults.FAULT_EDITS`` names which edit each
switch is. Nothing here runs unless a switch is on.
"""

from __future__ import annotations

import dataclasses
import secrets
import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from starlette.middleware import Middleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from yuno_contracts.sandbox.behaviour import Behaviour, ViewEdit
from yuno_contracts.sandbox.responses import ApiError
from yuno_contracts.sandbox.rules import Rule, Rules, is_letters
from yuno_contracts.sandbox.store import Session, utc_now

__all__ = [
    "BehaviourEdit",
    "Edit",
    "InjectedFault",
    "TextContentType",
    "create_view",
    "created_at_moves",
    "currency",
    "echo_wrong",
    "error_code_unknown",
    "error_string",
    "every_amount",
    "keep_stored",
    "lengths",
    "loose_update",
    "loosen",
    "malformed_json_500",
    "messages_string",
    "metadata",
    "new_id",
    "no_installments_default",
    "on_rules",
    "one_more_item",
    "optional",
    "renamed_id",
    "replace_sent",
    "reset_unsent",
    "session_field",
    "set_fields",
    "short_id",
    "text_content_type",
    "two_letters",
    "unicode_500",
    "without",
]

# -- edits of the rule tables (``rules.faithful_rules``) ---------------------------------------
Edit = Callable[[Rule], Rule]
T = TypeVar("T")


def _at(rule: Rule, path: tuple[str, ...], edit: Edit) -> Rule:
    """``rule`` with ``edit`` applied at ``path`` (property names; ``[]`` is an array's items)."""
    if not path:
        return edit(rule)
    head, rest = path[0], path[1:]
    if head == "[]":
        assert rule.items is not None
        return dataclasses.replace(rule, items=_at(rule.items, rest, edit))
    properties = dict(rule.properties)
    properties[head] = _at(properties[head], rest, edit)
    return dataclasses.replace(rule, properties=properties)


def session_field(*path: str, edit: Edit) -> Callable[[Rules], Rules]:
    """A fault of a session field: the same edit in the create and the PATCH tables."""

    def apply(rules: Rules) -> Rules:
        return dataclasses.replace(
            rules,
            create=_at(rules.create, path, edit),
            update=_at(rules.update, path, edit),
        )

    return apply


def lengths(low: int | None = None, high: int | None = None) -> Edit:
    def edit(rule: Rule) -> Rule:
        return dataclasses.replace(
            rule,
            min_length=rule.min_length if low is None else low,
            max_length=rule.max_length if high is None else high,
        )

    return edit


def metadata(edit_key: Edit | None = None, edit_value: Edit | None = None) -> Edit:
    """An edit of metadata's keys and values in every shape the reading allows."""

    def edit(rule: Rule) -> Rule:
        key, value = edit_key or (lambda r: r), edit_value or (lambda r: r)
        changes: dict[str, Rule] = {}
        if rule.keys is not None and rule.values is not None:
            changes.update(keys=key(rule.keys), values=value(rule.values))
        if rule.items is not None:
            item = _at(_at(rule.items, ("key",), key), ("value",), value)
            changes["items"] = item
        return dataclasses.replace(rule, **changes)

    return edit


def one_more_item(rule: Rule) -> Rule:
    assert rule.max_items is not None
    return dataclasses.replace(rule, max_items=rule.max_items + 1)


def every_amount(leaf: str, edit: Edit) -> Callable[[Rules], Rules]:
    """An edit of ``leaf`` in every amount: create and PATCH (amount, alternative_amount), payment."""
    in_sessions = [
        session_field(name, leaf, edit=edit) for name in ("amount", "alternative_amount")
    ]

    def apply(rules: Rules) -> Rules:
        for fault in in_sessions:
            rules = fault(rules)
        return dataclasses.replace(rules, payment=_at(rules.payment, ("amount", leaf), edit))

    return apply


def currency(known: Callable[[str], bool]) -> Callable[[Rules], Rules]:
    """A fault of the currency check: ``known`` codes pass, in every amount."""

    def problem(value: str) -> str | None:
        return None if known(value) else "must be an ISO 4217 code (3 letters)"

    return every_amount("currency", set_fields(format=problem))


def optional(name: str) -> Callable[[Rules], Rules]:
    """Create no longer requires ``name``."""

    def apply(rules: Rules) -> Rules:
        create = dataclasses.replace(rules.create, required=rules.create.required - {name})
        return dataclasses.replace(rules, create=create)

    return apply


def two_letters(value: str) -> str | None:
    return None if is_letters(value, 2) else "must be 2 capital letters"


def set_fields(**changes: object) -> Callable[[T], T]:
    """An edit that sets these fields of a rule (or of the behaviour)."""

    def edit(table: T) -> T:
        return dataclasses.replace(table, **changes)  # type: ignore[type-var]

    return edit


def loosen(rule: Rule) -> Rule:
    """The same rule with types only: no lengths, enums, formats, ranges."""
    return dataclasses.replace(
        rule,
        min_length=None,
        max_length=None,
        choices=None,
        format=None,
        int_range=None,
        multiple_of=None,
        max_items=None,
        properties={name: loosen(sub) for name, sub in rule.properties.items()},
        items=loosen(rule.items) if rule.items else None,
        keys=loosen(rule.keys) if rule.keys else None,
        values=loosen(rule.values) if rule.values else None,
    )


def loose_update(rules: Rules) -> Rules:
    """The PATCH table with types only."""
    return dataclasses.replace(rules, update=loosen(rules.update))


# -- edits of the rest of the behaviour ---------------------------------------------------------
BehaviourEdit = Callable[[Behaviour], Behaviour]


class InjectedFault(RuntimeError):
    """A server error a fault switch asked for (answered 500 by the last-resort handler)."""


def on_rules(edit: Callable[[Rules], Rules]) -> BehaviourEdit:
    return lambda behaviour: dataclasses.replace(behaviour, rules=edit(behaviour.rules))


def malformed_json_500(behaviour: Behaviour) -> Behaviour:
    parse = behaviour.parse_body

    def parse_or_fail(raw: bytes) -> Any:
        try:
            return parse(raw)
        except ApiError:
            raise InjectedFault("fault server-error-on-malformed-json") from None

    return dataclasses.replace(behaviour, parse_body=parse_or_fail)


def unicode_500(behaviour: Behaviour) -> Behaviour:
    before = behaviour.on_session_body

    def fail_on_unicode(fields: dict[str, Any]) -> None:
        description = fields.get("payment_description")
        if isinstance(description, str) and not description.isascii():
            raise InjectedFault("fault server-error-on-unicode")
        before(fields)

    return dataclasses.replace(behaviour, on_session_body=fail_on_unicode)


def short_id() -> str:
    """27 characters (cs_ + 24 hex): no UUID, and under 36."""
    return f"cs_{secrets.token_hex(12)}"


def create_view(edit: ViewEdit) -> BehaviourEdit:
    """``edit`` after the create response's other edits."""

    def apply(behaviour: Behaviour) -> Behaviour:
        before = behaviour.create_view
        return dataclasses.replace(
            behaviour, create_view=lambda view, session: edit(before(view, session), session)
        )

    return apply


def without(key: str) -> ViewEdit:
    """The response without ``key``."""
    return lambda view, session: {name: v for name, v in view.items() if name != key}


def no_installments_default(view: dict[str, Any], session: Session) -> dict[str, Any]:
    """No installments in the response when none were sent."""
    return view if "installments" in session.fields else without("installments")(view, session)


def echo_wrong(view: dict[str, Any], session: Session) -> dict[str, Any]:
    echoed = view["merchant_order_id"]
    return {**view, "merchant_order_id": echoed[:-1]} if isinstance(echoed, str) else view


def renamed_id(view: dict[str, Any], session: Session) -> dict[str, Any]:
    return {("id" if key == "checkout_session" else key): v for key, v in view.items()}


def new_id(view: dict[str, Any], session: Session) -> dict[str, Any]:
    return {**view, "checkout_session": str(uuid.uuid4())}


def replace_sent(session: Session, sent: dict[str, Any]) -> None:
    session.fields.update(sent)


def keep_stored(session: Session, sent: dict[str, Any]) -> None:
    """A PATCH that changes nothing."""


def reset_unsent(behaviour: Behaviour) -> Behaviour:
    names, patch = tuple(behaviour.rules.create.properties), behaviour.patch

    def reset_then_patch(session: Session, sent: dict[str, Any]) -> None:
        session.fields.update({name: None for name in names if name not in sent})
        patch(session, sent)

    return dataclasses.replace(behaviour, patch=reset_then_patch)


def created_at_moves(behaviour: Behaviour) -> Behaviour:
    patch = behaviour.patch

    def patch_and_move(session: Session, sent: dict[str, Any]) -> None:
        patch(session, sent)
        session.created_at = utc_now()

    return dataclasses.replace(behaviour, patch=patch_and_move)


def error_code_unknown(behaviour: Behaviour) -> Behaviour:
    body = behaviour.error_body
    return dataclasses.replace(
        behaviour,
        error_body=lambda code, messages, status: body(
            "VALIDATION_ERROR" if status == 400 else code, messages, status
        ),
    )


def messages_string(code: str, messages: list[str], status: int) -> dict[str, Any]:
    return {"code": code, "messages": "; ".join(messages)}


def error_string(code: str, messages: list[str], status: int) -> dict[str, Any]:
    return {"error": "; ".join(messages) or code}


def text_content_type(behaviour: Behaviour) -> Behaviour:
    return dataclasses.replace(
        behaviour, middleware=(*behaviour.middleware, Middleware(TextContentType))
    )


class TextContentType:
    """Fault ``content-type-text``: JSON responses go out labelled ``text/plain``."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def relabel(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = dict(message)
                message["headers"] = [
                    (name, b"text/plain; charset=utf-8" if name == b"content-type" else value)
                    for name, value in message.get("headers", [])
                ]
            await send(message)

        await self.app(scope, receive, relabel)
