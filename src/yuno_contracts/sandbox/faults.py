"""Fault switches: test-only ways to make the sandbox break one documented behaviour.

A contract suite is only worth something if it fails against a server that breaks the
contract. Each switch below breaks exactly one behaviour, so the suites can be run against a
faulty sandbox to prove they notice. All are off unless named in ``SandboxSettings.faults``::

    SandboxSettings.generate(faults={"create-201"})
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["FAULTS", "check_faults"]

FAULTS: dict[str, str] = {
    # create response
    "create-201": "Create answers 201 instead of 200.",
    "create-no-created-at": "The create response has no created_at.",
    "create-renamed-id": "The create response names the session id `id` instead of "
    "`checkout_session`.",
    "create-id-not-uuid": "New session ids are not UUIDs.",
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
    "second-payment-accepted": "A second payment on the same session is accepted.",
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
