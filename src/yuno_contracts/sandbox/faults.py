"""Fault switches: test-only ways to make the sandbox break one documented behaviour.

A contract suite is only worth something if it fails against a server that breaks the
contract. Each switch below breaks exactly one behaviour, so the suites can be run against a
faulty sandbox to prove they notice. All are off unless named in ``SandboxSettings.faults``::

    SandboxSettings.generate(faults={"create-201"})
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from decimal import Decimal

from yuno_contracts.sandbox.rules import INT64, Rule, Rules, is_letters, loosen

__all__ = ["FAULTS", "RULE_FAULTS", "apply_faults", "check_faults"]

FAULTS: dict[str, str] = {
    # create response
    "create-201": "Create answers 201 instead of 200.",
    "create-no-created-at": "The create response has no created_at.",
    "create-renamed-id": "The create response names the session id `id` instead of "
    "`checkout_session`.",
    "create-id-not-uuid": "New session ids are no UUIDs and 27 characters (cs_ + 24 hex), under 36.",
    "create-echo-wrong": "The create response echoes merchant_order_id without its last character.",
    "create-no-workflow-default": "The workflow is null instead of SDK_CHECKOUT when not sent.",
    "create-no-installments-default": "The create response has no installments when none "
    "were sent.",
    # field rules
    "merchant-order-id-max-256": "merchant_order_id of 256 characters is accepted.",
    "merchant-order-id-min-2": "merchant_order_id of 2 characters is accepted.",
    "payment-description-max-256": "payment_description of 256 characters is accepted.",
    "payment-description-min-2": "payment_description of 2 characters is accepted.",
    "callback-url-max-527": "callback_url of 527 characters is accepted.",
    "callback-url-min-2": "callback_url of 2 characters is accepted.",
    "metadata-121-items": "metadata with one item over the reading's limit is accepted.",
    "metadata-key-49": "A metadata key of 49 characters is accepted.",
    "metadata-value-513": "A metadata value of 513 characters is accepted.",
    "currency-any-length": "A currency code of any length of letters (e.g. 4) is accepted.",
    "currency-not-iso": "Any three uppercase letters (e.g. ZZZ) are accepted as a currency.",
    "country-lowercase": "A lowercase country code (e.g. us) is accepted.",
    "country-not-in-enum": "Any two uppercase letters (e.g. ZZ) are accepted as a country.",
    "amount-precision-5dp": "An amount that is a multiple of 0.00001 only is accepted.",
    "installment-int32-overflow": "An installment past the int32 range is accepted.",
    "account-id-optional": "Create without account_id is accepted.",
    "merchant-order-id-optional": "Create without merchant_order_id is accepted.",
    "workflow-any": "Any workflow string is accepted.",
    "wrong-type-accepted": "A number is accepted (and echoed) as merchant_order_id.",
    "null-required-accepted": "A null country is accepted.",
    # update
    "update-resets-unsent": "PATCH sets the fields it was not sent to null.",
    "update-ignores-sent": "PATCH answers 200 with the old values and changes nothing.",
    "update-amount-replace": "PATCH replaces the whole amount object instead of merging it.",
    "update-new-id": "The PATCH response carries a new checkout_session id.",
    "update-created-at-changes": "PATCH moves created_at to the time of the update.",
    "update-skips-validation": "PATCH accepts invalid values (e.g. country ZZ).",
    "update-unknown-200": "PATCH of an unknown id answers 200 with a new session.",
    # used / payments
    "used-never-flips": "used stays false after the session's payment.",
    "used-starts-true": "New sessions start with used true.",
    "second-payment-accepted": "A second payment on the same session (and a one-time token "
    "for it) is accepted.",
    "second-payment-accepted-at-payments": "POST /v1/payments accepts a second payment on a "
    "paid session, its spent one-time token included (the token endpoint still refuses the "
    "session a new token).",
    "idempotency-ignored": "A repeated X-Idempotency-Key is handled as a new payment.",
    # errors and transport
    "error-body-shape": 'Errors come as {"error": "<text>"} instead of {code, messages}.',
    "error-messages-string": "Error messages come as one string instead of a list.",
    "error-code-unknown": "400 errors carry the undocumented code VALIDATION_ERROR.",
    "content-type-text": "JSON responses are sent as text/plain.",
    "server-error-on-unicode": "A payment_description with a non-ASCII character gives 500.",
    "server-error-on-malformed-json": "A body that is not JSON gives 500.",
    # auth
    "auth-private-key-ignored": "A missing or wrong private-secret-key is accepted.",
    "auth-401-code": "401 errors carry code UNAUTHORIZED instead of INVALID_CREDENTIALS.",
    "restricted-allowed": "The restricted key pair is served instead of refused with 403.",
}


def check_faults(names: Iterable[str]) -> frozenset[str]:
    """The names as a frozenset; ValueError naming the first unknown one."""
    result = frozenset(names)
    unknown = sorted(result - FAULTS.keys())
    if unknown:
        raise ValueError(f"unknown fault {unknown[0]!r}; known faults: {', '.join(FAULTS)}")
    return result


# The field-rule switches: each a small edit of the faithful rule tables (``rules.faithful_rules``).
Edit = Callable[[Rule], Rule]


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


def _session(*path: str, edit: Edit) -> Callable[[Rules], Rules]:
    """A fault of a session field: the same edit in the create and the PATCH tables."""

    def apply(rules: Rules) -> Rules:
        return dataclasses.replace(
            rules, create=_at(rules.create, path, edit), update=_at(rules.update, path, edit)
        )

    return apply


def _lengths(low: int | None = None, high: int | None = None) -> Edit:
    def edit(rule: Rule) -> Rule:
        return dataclasses.replace(
            rule,
            min_length=rule.min_length if low is None else low,
            max_length=rule.max_length if high is None else high,
        )

    return edit


def _metadata(edit_key: Edit | None = None, edit_value: Edit | None = None) -> Edit:
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


def _one_more_item(rule: Rule) -> Rule:
    assert rule.max_items is not None
    return dataclasses.replace(rule, max_items=rule.max_items + 1)


def _every_amount(leaf: str, edit: Edit) -> Callable[[Rules], Rules]:
    """An edit of ``leaf`` in every amount: create and PATCH (amount, alternative_amount), payment."""
    in_sessions = [_session(name, leaf, edit=edit) for name in ("amount", "alternative_amount")]

    def apply(rules: Rules) -> Rules:
        for fault in in_sessions:
            rules = fault(rules)
        return dataclasses.replace(rules, payment=_at(rules.payment, ("amount", leaf), edit))

    return apply


def _currency(known: Callable[[str], bool]) -> Callable[[Rules], Rules]:
    """A fault of the currency check: ``known`` codes pass, in every amount."""

    def problem(value: str) -> str | None:
        return None if known(value) else "must be an ISO 4217 code (3 letters)"

    return _every_amount("currency", _replace(format=problem))


def _optional(name: str) -> Callable[[Rules], Rules]:
    """Create no longer requires ``name``."""

    def apply(rules: Rules) -> Rules:
        create = dataclasses.replace(rules.create, required=rules.create.required - {name})
        return dataclasses.replace(rules, create=create)

    return apply


def _two_letters(value: str) -> str | None:
    return None if is_letters(value, 2) else "must be 2 capital letters"


def _replace(**changes: object) -> Edit:
    def edit(rule: Rule) -> Rule:
        return dataclasses.replace(rule, **changes)  # type: ignore[arg-type]

    return edit


# In the order they apply: a later one sees what an earlier one did (update-skips-validation last,
# country-not-in-enum after country-lowercase).
RULE_FAULTS: dict[str, Callable[[Rules], Rules]] = {
    "merchant-order-id-min-2": _session("merchant_order_id", edit=_lengths(low=2)),
    "merchant-order-id-max-256": _session("merchant_order_id", edit=_lengths(high=256)),
    "wrong-type-accepted": _session("merchant_order_id", edit=_replace(types=("string", "number"))),
    "payment-description-min-2": _session("payment_description", edit=_lengths(low=2)),
    "payment-description-max-256": _session("payment_description", edit=_lengths(high=256)),
    "callback-url-min-2": _session("callback_url", edit=_lengths(low=2)),
    "callback-url-max-527": _session("callback_url", edit=_lengths(high=527)),
    "country-lowercase": _session("country", edit=_replace(case_insensitive=True)),
    "country-not-in-enum": _session(
        "country", edit=_replace(choices=None, case_insensitive=False, format=_two_letters)
    ),
    "null-required-accepted": _session("country", edit=_replace(nullable=True)),
    "workflow-any": _session("workflow", edit=_replace(choices=None)),
    "metadata-121-items": _session("metadata", edit=_one_more_item),
    "metadata-key-49": _session("metadata", edit=_metadata(edit_key=_lengths(high=49))),
    "metadata-value-513": _session("metadata", edit=_metadata(edit_value=_lengths(high=513))),
    "installment-int32-overflow": _session(
        "installments", "plan", "[]", "installment", edit=_replace(int_range=INT64)
    ),
    "currency-not-iso": _currency(lambda value: is_letters(value, 3)),
    "currency-any-length": _currency(is_letters),
    "amount-precision-5dp": _every_amount("value", _replace(multiple_of=Decimal("0.00001"))),
    "account-id-optional": _optional("account_id"),
    "merchant-order-id-optional": _optional("merchant_order_id"),
    "update-skips-validation": lambda rules: dataclasses.replace(
        rules, update=loosen(rules.update)
    ),
}


def apply_faults(rules: Rules, faults: frozenset[str]) -> Rules:
    """The rule tables with the field-rule switches among ``faults`` applied, in turn."""
    for name, fault in RULE_FAULTS.items():
        if name in faults:
            rules = fault(rules)
    return rules
