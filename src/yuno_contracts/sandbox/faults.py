"""Fault switches: test-only ways to make the sandbox break one documented behaviour.

A contract suite is only worth something if it fails against a server that breaks the
contract. Each switch below breaks exactly one behaviour, so the suites can be run against a
faulty sandbox to prove they notice. All are off unless named in ``SandboxSettings.faults``::

    SandboxSettings.generate(faults={"create-201"})

The switches are a separate pass: each is one small edit of the faithful ``Behaviour``
(``behaviour.faithful_behaviour``: its rule tables, values and step functions), listed in
``FAULT_EDITS``; ``apply_faults`` applies those that are on. No other module of the sandbox
names a switch (``tests/sandbox/test_faults_stay_separate.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal

from yuno_contracts.sandbox.behaviour import Behaviour
from yuno_contracts.sandbox.fault_edits import (
    BehaviourEdit,
    create_view,
    created_at_moves,
    currency,
    echo_wrong,
    error_code_unknown,
    error_string,
    every_amount,
    keep_stored,
    lengths,
    loose_update,
    malformed_json_500,
    messages_string,
    metadata,
    new_id,
    no_installments_default,
    on_rules,
    one_more_item,
    optional,
    renamed_id,
    replace_sent,
    reset_unsent,
    session_field,
    set_fields,
    short_id,
    text_content_type,
    two_letters,
    unicode_500,
    without,
)
from yuno_contracts.sandbox.rules import INT64, Rules, is_letters

__all__ = ["FAULTS", "FAULT_EDITS", "RULE_FAULTS", "apply_faults", "check_faults"]

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


# The field-rule switches, each an edit of the rule tables, in the order they apply: a later one
# sees what an earlier one did (update-skips-validation last, country-not-in-enum after
# country-lowercase).
RULE_FAULTS: dict[str, Callable[[Rules], Rules]] = {
    "merchant-order-id-min-2": session_field("merchant_order_id", edit=lengths(low=2)),
    "merchant-order-id-max-256": session_field("merchant_order_id", edit=lengths(high=256)),
    "wrong-type-accepted": session_field(
        "merchant_order_id", edit=set_fields(types=("string", "number"))
    ),
    "payment-description-min-2": session_field("payment_description", edit=lengths(low=2)),
    "payment-description-max-256": session_field("payment_description", edit=lengths(high=256)),
    "callback-url-min-2": session_field("callback_url", edit=lengths(low=2)),
    "callback-url-max-527": session_field("callback_url", edit=lengths(high=527)),
    "country-lowercase": session_field("country", edit=set_fields(case_insensitive=True)),
    "country-not-in-enum": session_field(
        "country", edit=set_fields(choices=None, case_insensitive=False, format=two_letters)
    ),
    "null-required-accepted": session_field("country", edit=set_fields(nullable=True)),
    "workflow-any": session_field("workflow", edit=set_fields(choices=None)),
    "metadata-121-items": session_field("metadata", edit=one_more_item),
    "metadata-key-49": session_field("metadata", edit=metadata(edit_key=lengths(high=49))),
    "metadata-value-513": session_field("metadata", edit=metadata(edit_value=lengths(high=513))),
    "installment-int32-overflow": session_field(
        "installments", "plan", "[]", "installment", edit=set_fields(int_range=INT64)
    ),
    "currency-not-iso": currency(lambda value: is_letters(value, 3)),
    "currency-any-length": currency(is_letters),
    "amount-precision-5dp": every_amount("value", set_fields(multiple_of=Decimal("0.00001"))),
    "account-id-optional": optional("account_id"),
    "merchant-order-id-optional": optional("merchant_order_id"),
    "update-skips-validation": loose_update,
}


# Every switch's edit, in the order they apply: a later one sees what an earlier one did (the
# rule switches first; a PATCH that ignores what it was sent and an error body of another shape
# win over the edits before them).
FAULT_EDITS: dict[str, BehaviourEdit] = {
    **{name: on_rules(edit) for name, edit in RULE_FAULTS.items()},
    # create response
    "create-201": set_fields(create_status=201),
    "create-no-created-at": create_view(without("created_at")),
    "create-no-installments-default": create_view(no_installments_default),
    "create-echo-wrong": create_view(echo_wrong),
    "create-renamed-id": create_view(renamed_id),
    "create-id-not-uuid": set_fields(new_session_id=short_id),
    "create-no-workflow-default": set_fields(default_workflow=None),
    # update
    "update-amount-replace": set_fields(patch=replace_sent),
    "update-resets-unsent": reset_unsent,
    "update-created-at-changes": created_at_moves,
    "update-ignores-sent": set_fields(patch=keep_stored),
    "update-new-id": set_fields(update_view=new_id),
    "update-unknown-200": set_fields(unknown_patch_creates=True),
    # used / payments
    "used-never-flips": set_fields(payment_marks_used=False),
    "used-starts-true": set_fields(new_session_used=True),
    "second-payment-accepted": set_fields(
        token_for_paid_session=True, one_payment_per_session=False
    ),
    "second-payment-accepted-at-payments": set_fields(
        one_payment_per_session=False, spent_token_pays=True
    ),
    "idempotency-ignored": set_fields(honour_idempotency_key=False),
    # errors and transport
    "error-messages-string": set_fields(error_body=messages_string),
    "error-code-unknown": error_code_unknown,
    "error-body-shape": set_fields(error_body=error_string),
    "content-type-text": text_content_type,
    "server-error-on-unicode": unicode_500,
    "server-error-on-malformed-json": malformed_json_500,
    # auth
    "auth-private-key-ignored": set_fields(private_key_checked=False),
    "auth-401-code": set_fields(unauthorized_code="UNAUTHORIZED"),
    "restricted-allowed": set_fields(restricted_served=True),
}


def apply_faults(behaviour: Behaviour, faults: frozenset[str]) -> Behaviour:
    """The behaviour with the switches among ``faults`` applied, in turn (a new table: the
    faithful one is left as it is)."""
    for name, edit in FAULT_EDITS.items():
        if name in faults:
            behaviour = edit(behaviour)
    return behaviour
