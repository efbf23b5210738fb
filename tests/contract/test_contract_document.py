"""The contract document: valid OpenAPI 3.1, operations, provenance, ambiguities, links."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from openapi_spec_validator import OpenAPIV31SpecValidator, validate

from yuno_contracts.catalogue.clauses import (
    DECISIONS_PATH,
    DECISIONS_SOURCE,
    PAGE_PREFIX,
    SEED_FILES,
    SEEDS_DIR,
    load_pages,
)
from yuno_contracts.catalogue.contract import CONTRACT_PATH, inline_refs, request_schema

AMBIGUITY_IDS = {
    "CUSTOMER-ID-FORMAT",
    "CURRENCY-COUNTRY",
    "CALLBACK-URL-FORMAT",
    "METADATA-ITEM-FIELDS",
    "CURRENCY-DECIMALS",
    "NULLABLE-OPTIONALS",
    "RETURN-URL-FIELD",
    "WORKFLOW-VALUES",
    "METADATA-SHAPE",
    "CALLBACK-URL",
    "AMOUNT-REQUIRED",
    "UPDATE-PARTIAL",
    "USED-DEFAULT",
    "AMOUNT-VALUE-TYPE",
    "UNKNOWN-SESSION",
    "ERROR-BODY-SHAPE",
    "USED-UPDATE",
    "SESSION-EXPIRY",
    "SESSION-ID-FORMAT",
    "ERROR-400-CODES",
}
SEEDS = SEED_FILES
SEED_PREFIX = "seed:"
# A page id cited in the document's text: page:<id> (ids are lowercase words, digits, hyphens).
PAGE_MENTION = re.compile(re.escape(PAGE_PREFIX) + r"([a-z0-9]+(?:-[a-z0-9]+)*)")

# operationId → (method, path, x-source, response status codes)
OPERATIONS = {
    "createCheckoutSession": (
        "post",
        "/checkout/sessions",
        "seed:create-checkout-session.openapi.md",
        {"200", "400", "401", "403"},
    ),
    "updateCheckoutSession": (
        "patch",
        "/checkout/sessions/{checkout_session}",
        "seed:update-checkout-session.txt",
        {"200", "400", "401", "403", "404", "409"},
    ),
    "retrieveCheckoutSession": (
        "get",
        "/checkout/sessions/{checkout_session}",
        "page:retrieve-session",
        {"200", "400", "401", "403", "404"},
    ),
    "createCheckoutSessionToken": (
        "post",
        "/checkout/sessions/{checkout_session}/token",
        "page:token-sdk-checkout",
        {"201", "400", "401", "403"},
    ),
    "createPayment": (
        "post",
        "/payments",
        "page:create-payment",
        {"201", "400", "401", "403"},
    ),
}
ERROR_EXAMPLES = {
    "400": ("INVALID_REQUEST", "Invalid request"),
    "401": ("INVALID_CREDENTIALS", "Invalid credentials"),
    "403": ("AUTHORIZATION_REQUIRED", "The merchant has no authorization to use this API."),
}


def walk(node: Any, pointer: str = "#") -> Iterator[tuple[str, Any]]:
    """Every (JSON pointer, node) of the document, depth first."""
    yield pointer, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from walk(value, f"{pointer}/{str(key).replace('~', '~0').replace('/', '~1')}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from walk(value, f"{pointer}/{index}")


def op(contract: dict[str, Any], operation_id: str) -> dict[str, Any]:
    method, path, _, _ = OPERATIONS[operation_id]
    return contract["paths"][path][method]


def response(contract: dict[str, Any], operation_id: str, status: str) -> dict[str, Any]:
    return inline_refs(op(contract, operation_id)["responses"][status], contract)


def properties(schema: dict[str, Any]) -> dict[str, Any]:
    """Properties of a schema, including those of its allOf/anyOf/oneOf branches."""
    found = dict(schema.get("properties", {}))
    for keyword in ("allOf", "anyOf", "oneOf"):
        for branch in schema.get(keyword, []):
            found.update(properties(branch))
    return found


# ---------------------------------------------------------------- the document as a whole


def test_the_document_is_valid_openapi_3_1(contract):
    assert contract["openapi"] == "3.1.0"
    validate(contract, cls=OpenAPIV31SpecValidator)


def test_yaml_parsing_produced_only_json_values(contract):
    """Unquoted timestamps or yes/no words would silently become dates or booleans."""
    for pointer, node in walk(contract):
        assert not isinstance(node, dt.date), f"{pointer} parsed as a date: quote it"
        if isinstance(node, dict):
            assert all(isinstance(key, str) for key in node), f"{pointer} has a non-string key"
        else:
            assert node is None or isinstance(node, str | int | float | bool | list), pointer


def test_info_names_the_seeds_as_primary_and_the_public_pages(contract):
    info = contract["info"]
    assert info["title"] and info["version"]
    for seed in SEEDS:
        assert f"seed:{seed}" in info["description"]
    assert "Primary contract" in info["description"]
    for page in ("response-codes", "retrieve-session", "create-payment", "testing-gateway"):
        assert f"{PAGE_PREFIX}{page}" in info["description"]


def test_server_is_the_sandbox(contract):
    assert [server["url"] for server in contract["servers"]] == ["https://api-sandbox.y.uno/v1"]
    assert all(not path.startswith("/v1") for path in contract["paths"])


def test_both_keys_are_required_together(contract):
    assert contract["security"] == [{"public-api-key": [], "private-secret-key": []}]
    schemes = contract["components"]["securitySchemes"]
    for name in ("public-api-key", "private-secret-key"):
        assert schemes[name] == {**schemes[name], "type": "apiKey", "in": "header", "name": name}
    for operation_id in OPERATIONS:
        assert "security" not in op(contract, operation_id), "no operation may relax security"


def test_no_schema_forbids_additional_properties(contract):
    for pointer, node in walk(contract):
        if pointer.endswith("/additionalProperties"):
            assert node is not False, pointer


# ---------------------------------------------------------------- operations


def test_exactly_the_expected_operations(contract):
    found = {
        item[method]["operationId"]: (method, path)
        for path, item in contract["paths"].items()
        for method in ("get", "post", "patch", "put", "delete")
        if method in item
    }
    assert found == {oid: spec[:2] for oid, spec in OPERATIONS.items()}


@pytest.mark.parametrize("operation_id", OPERATIONS)
def test_operation_has_its_x_source(contract, operation_id):
    assert op(contract, operation_id)["x-source"] == OPERATIONS[operation_id][2]


@pytest.mark.parametrize("operation_id", OPERATIONS)
def test_operation_has_exactly_its_responses(contract, operation_id):
    assert set(op(contract, operation_id)["responses"]) == OPERATIONS[operation_id][3]


def source_problem(value: Any) -> str | None:
    """Why an ``x-source`` does not resolve: a seed copy, a page of pages.yaml, decisions.md."""
    if not isinstance(value, str):
        return f"{value!r} is not a string"
    if value.startswith(SEED_PREFIX):
        seed = value.removeprefix(SEED_PREFIX)
        if seed not in SEED_FILES or not (SEEDS_DIR / seed).is_file():
            return f"{value!r}: no seed file {SEEDS_DIR / seed}"
        return None
    if value.startswith(PAGE_PREFIX):
        if value.removeprefix(PAGE_PREFIX) not in load_pages():
            return f"{value!r}: no page of that id in contracts/sources/pages.yaml"
        return None
    if value == DECISIONS_SOURCE:
        return None if DECISIONS_PATH.is_file() else f"{DECISIONS_PATH} is missing"
    return f"{value!r} is neither seed:<file>, page:<id> nor {DECISIONS_SOURCE}"


def test_every_x_source_resolves_to_a_seed_a_recorded_page_or_a_decision(contract):
    sources = [(p, n) for p, n in walk(contract) if p.endswith("/x-source")]
    assert len(sources) >= len(OPERATIONS)
    problems = [
        f"{pointer}: {problem}" for pointer, value in sources if (problem := source_problem(value))
    ]
    assert problems == []


def test_every_page_the_text_names_is_recorded(contract):
    """``page:<id>`` in a description (not only in x-source) names a page of pages.yaml."""
    named = {
        match
        for _, node in walk(contract)
        if isinstance(node, str)
        for match in PAGE_MENTION.findall(node)
    }
    assert named, "the document names no page:<id>"
    assert sorted(named - set(load_pages())) == []


@pytest.mark.parametrize(
    ("value", "resolves"),
    [
        ("seed:update-checkout-session.txt", True),
        ("page:response-codes", True),
        ("decisions.md", True),
        ("seed:DESIGN.md", False),
        ("page:no-such-page", False),
        ("yuno-docs:error-codes", False),
        (None, False),
    ],
)
def test_the_source_check_tells_resolving_labels_from_others(value, resolves):
    assert (source_problem(value) is None) is resolves


def test_every_x_ambiguity_is_a_registered_id(contract):
    found = [(p, n) for p, n in walk(contract) if p.endswith("/x-ambiguity")]
    for pointer, value in found:
        ids = value if isinstance(value, list) else [value]
        assert ids and set(ids) <= AMBIGUITY_IDS, f"{pointer}: {value!r}"


@pytest.mark.parametrize("ambiguity_id", sorted(AMBIGUITY_IDS))
def test_every_registered_ambiguity_is_marked_somewhere(contract, ambiguity_id):
    marked = [n for p, n in walk(contract) if p.endswith("/x-ambiguity")]
    assert any(ambiguity_id == v or (isinstance(v, list) and ambiguity_id in v) for v in marked)


# (where, ambiguity id): the node the register entry is about carries the id
AMBIGUITY_PLACES = [
    ("createCheckoutSession request: amount", "AMOUNT-REQUIRED"),
    ("createCheckoutSession request: workflow", "WORKFLOW-VALUES"),
    ("createCheckoutSession request: metadata", "METADATA-SHAPE"),
    ("createCheckoutSession request: callback_url", "CALLBACK-URL"),
    ("createCheckoutSession request: return_url", "CALLBACK-URL"),
    ("updateCheckoutSession request", "UPDATE-PARTIAL"),
    ("CheckoutSession: used", "USED-DEFAULT"),
    ("CheckoutSession: amount.value", "AMOUNT-VALUE-TYPE"),
    ("CheckoutSession: callback_url", "CALLBACK-URL"),
    ("CheckoutSession: checkout_session", "SESSION-EXPIRY"),
    ("CheckoutSession: checkout_session", "SESSION-ID-FORMAT"),
    ("updateCheckoutSession 404", "UNKNOWN-SESSION"),
    ("retrieveCheckoutSession 404", "UNKNOWN-SESSION"),
    ("updateCheckoutSession 409", "USED-UPDATE"),
]


@pytest.mark.parametrize(("where", "ambiguity_id"), AMBIGUITY_PLACES)
def test_ambiguity_is_marked_where_it_applies(contract, where, ambiguity_id):
    subject, _, field = where.partition(": ")
    if subject == "CheckoutSession":
        node = contract["components"]["schemas"]["CheckoutSession"]
    elif subject.endswith(" request"):
        node = request_schema(subject.removesuffix(" request"))
    else:
        operation_id, status = subject.split()
        node = response(contract, operation_id, status)
    for name in filter(None, field.split(".")):
        node = node["properties"][name]
    marked = node["x-ambiguity"]
    assert ambiguity_id in (marked if isinstance(marked, list) else [marked])


# ---------------------------------------------------------------- create


def test_create_amount_stays_optional_and_four_fields_are_required():
    schema = request_schema("createCheckoutSession")
    assert schema["required"] == [
        "merchant_order_id",
        "payment_description",
        "country",
        "account_id",
    ]
    assert "amount" not in schema["required"]


def test_create_200_is_the_session_and_says_200_not_201(contract):
    ok = response(contract, "createCheckoutSession", "200")
    assert "200, not 201" in ok["description"]
    assert ok["content"]["application/json"]["schema"]["required"] == [
        "checkout_session",
        "created_at",
        "merchant_order_id",
        "payment_description",
        "country",
    ]


def test_return_url_comes_from_the_guide():
    return_url = request_schema("createCheckoutSession")["properties"]["return_url"]
    assert return_url["type"] == "string"
    assert return_url["x-source"] == "seed:checkout-session-guide.txt"


def test_workflow_keeps_the_seed_enum_and_lists_the_guide_values():
    workflow = request_schema("createCheckoutSession")["properties"]["workflow"]
    assert workflow["enum"] == ["SDK_CHECKOUT", "CHECKOUT", "SDK_SEAMLESS"]
    assert workflow["x-alternative-enum"] == [
        "SDK_CHECKOUT",
        "SDK_LITE",
        "SDK_SEAMLESS",
        "SDK_HEADLESS",
        "DIRECT",
    ]


def test_amount_values_carry_the_decimal_rule_and_say_how_it_is_judged():
    for operation_id in ("createCheckoutSession", "updateCheckoutSession"):
        props = request_schema(operation_id)["properties"]
        for field in ("amount", "alternative_amount"):
            value = props[field]["properties"]["value"]
            assert value["multipleOf"] == 0.0001
            assert value["x-decimal-multiple-of"] == "0.0001"
            assert "as written" in value["description"]


# ---------------------------------------------------------------- update and retrieve


def test_update_amounts_are_partial_objects():
    props = request_schema("updateCheckoutSession")["properties"]
    for field in ("amount", "alternative_amount"):
        assert "required" not in props[field]
    description = " ".join(request_schema("updateCheckoutSession")["description"].split())
    assert "Only fields you send will be updated." in description


@pytest.mark.parametrize(
    "operation_id",
    ["updateCheckoutSession", "retrieveCheckoutSession", "createCheckoutSessionToken"],
)
def test_session_path_parameter_is_a_string_of_36_to_64(contract, operation_id):
    """SESSION-ID-FORMAT: a UUID in every example, 36..64 characters on the object page."""
    method, path, _, _ = OPERATIONS[operation_id]
    item = contract["paths"][path]
    params = inline_refs(item.get("parameters", []) + item[method].get("parameters", []), contract)
    assert [(p["name"], p["in"], p["required"], p["schema"]) for p in params] == [
        ("checkout_session", "path", True, {"type": "string", "minLength": 36, "maxLength": 64})
    ]


@pytest.mark.parametrize(
    "session_id",
    ["c67ce158-6053-4661-a1de-aed5c945b935", "cs_" + "ab" * 24],
    ids=["uuid", "opaque-51"],
)
def test_session_ids_of_both_readings_conform(contract, validator_for, session_id):
    """A UUID and an opaque 51-character id (SESSION-ID-FORMAT string-36-64) both conform as
    checkout_session (the retrieve page's id and a payment's checkout.session refer to it);
    27 and 65 characters do not."""
    schemas = contract["components"]["schemas"]
    validator = validator_for(schemas["CheckoutSession"]["properties"]["checkout_session"])
    assert validator.is_valid(session_id)
    assert not validator.is_valid("cs_" + "ab" * 12)
    assert not validator.is_valid("x" * 65)


def test_update_and_retrieve_require_used(contract, validator_for):
    session = {
        "checkout_session": "c67ce158-6053-4661-a1de-aed5c945b935",
        "created_at": "2025-11-14T00:43:22.719648Z",
        "merchant_order_id": "007",
        "payment_description": "Payment Test",
        "country": "BR",
    }
    for operation_id in ("updateCheckoutSession", "retrieveCheckoutSession"):
        schema = response(contract, operation_id, "200")["content"]["application/json"]["schema"]
        validator = validator_for(schema)
        assert not validator.is_valid(session), f"{operation_id} 200 must require used"
        assert validator.is_valid({**session, "used": False})


def test_retrieve_accepts_the_id_named_by_its_page(contract, validator_for):
    schema = response(contract, "retrieveCheckoutSession", "200")["content"]["application/json"]
    validator = validator_for(schema["schema"])
    body = {
        "id": "c67ce158-6053-4661-a1de-aed5c945b935",
        "created_at": "2025-11-14T00:43:22.719648Z",
        "merchant_order_id": "007",
        "payment_description": "Payment Test",
        "country": "BR",
        "used": True,
    }
    assert validator.is_valid(body)
    assert not validator.is_valid({**body, "id": None})


def test_used_keeps_the_seed_default_and_example(contract):
    used = contract["components"]["schemas"]["CheckoutSession"]["properties"]["used"]
    assert used["type"] == "boolean"
    assert used["default"] is True
    assert used["examples"] == [False]


def test_response_types_follow_the_seed_and_the_register(contract):
    props = contract["components"]["schemas"]["CheckoutSession"]["properties"]
    assert props["customer_id"]["type"] == ["string", "null"]
    assert props["callback_url"]["type"] == ["string", "null"]
    assert props["amount"]["type"] == ["object", "null"]
    assert props["amount"]["properties"]["value"]["type"] == "number"
    assert props["created_at"] == {**props["created_at"], "type": "string", "format": "date-time"}
    assert "format" not in props["checkout_session"]  # SESSION-ID-FORMAT: 36..64, not only UUIDs
    assert (props["checkout_session"]["minLength"], props["checkout_session"]["maxLength"]) == (
        36,
        64,
    )
    assert "type" not in props["metadata"]


# ---------------------------------------------------------------- errors and examples


def test_error_schema(contract):
    """The seeds' {code, messages} first, then the two other documented shapes (ERROR-BODY-SHAPE)."""
    shapes = contract["components"]["schemas"]["Error"]["anyOf"]
    error = shapes[0]
    assert error["required"] == ["code", "messages"]
    assert shapes[1]["required"] == ["code", "message"]
    assert shapes[2]["required"] == ["error"]
    assert shapes[2]["properties"]["error"]["required"] == ["code"]
    assert error["properties"]["code"]["type"] == "string"
    assert error["properties"]["messages"] == {
        **error["properties"]["messages"],
        "type": "array",
        "items": {"type": "string"},
    }


@pytest.mark.parametrize("operation_id", OPERATIONS)
def test_error_responses_use_the_error_schema_and_seed_examples(contract, operation_id):
    error = contract["components"]["schemas"]["Error"]
    for status in op(contract, operation_id)["responses"]:
        if status.startswith("2"):
            continue
        media = response(contract, operation_id, status)["content"]["application/json"]
        assert media["schema"] == error, f"{operation_id} {status}"
        if status in ERROR_EXAMPLES:
            code, message = ERROR_EXAMPLES[status]
            values = [example["value"] for example in media["examples"].values()]
            assert {"code": code, "messages": [message]} in values, f"{operation_id} {status}"


def _examples(contract: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any], Any]]:
    for operation_id in OPERATIONS:
        operation = op(contract, operation_id)
        body = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
        for name, example in body.get("examples", {}).items():
            yield f"{operation_id} request {name}", body["schema"], example["value"]
        for status in operation["responses"]:
            media = response(contract, operation_id, status).get("content", {})
            for name, example in media.get("application/json", {}).get("examples", {}).items():
                yield (
                    f"{operation_id} {status} {name}",
                    media["application/json"]["schema"],
                    (example["value"]),
                )


def test_every_example_validates_against_its_schema(contract, validator_for):
    examples = list(_examples(contract))
    assert len(examples) >= 12
    for label, schema, value in examples:
        errors = [e.message for e in validator_for(schema).iter_errors(value)]
        assert not errors, f"{label}: {errors}"


# ---------------------------------------------------------------- links


def test_create_200_links_to_update_and_retrieve(contract):
    links = op(contract, "createCheckoutSession")["responses"]["200"]["links"]
    assert {name: link["operationId"] for name, link in links.items()} == {
        "UpdateCheckoutSession": "updateCheckoutSession",
        "RetrieveCheckoutSession": "retrieveCheckoutSession",
    }
    for link in links.values():
        assert link["parameters"] == {"checkout_session": "$response.body#/checkout_session"}


def test_update_200_links_to_retrieve_and_update_again(contract):
    links = op(contract, "updateCheckoutSession")["responses"]["200"]["links"]
    assert sorted(link["operationId"] for link in links.values()) == [
        "retrieveCheckoutSession",
        "updateCheckoutSession",
    ]


def test_every_link_points_to_an_existing_operation_and_parameter(contract):
    links = [
        (operation_id, status, link)
        for operation_id in OPERATIONS
        for status, answer in op(contract, operation_id)["responses"].items()
        for link in answer.get("links", {}).values()
    ]
    assert len(links) == 4
    for operation_id, status, link in links:
        target = link["operationId"]
        assert target in OPERATIONS
        method, path, _, _ = OPERATIONS[target]
        item = contract["paths"][path]
        names = {p["name"] for p in inline_refs(item.get("parameters", []), contract)}
        names |= {p["name"] for p in inline_refs(item[method].get("parameters", []), contract)}
        schema = response(contract, operation_id, status)["content"]["application/json"]["schema"]
        required = set(schema.get("required", []))
        for branch in schema.get("allOf", []):
            required |= set(branch.get("required", []))
        for parameter, expression in link["parameters"].items():
            assert parameter in names
            field = expression.removeprefix("$response.body#/")
            assert field in properties(schema) and field in required, expression


# ---------------------------------------------------------------- payments


def test_create_payment_needs_idempotency_key_and_checkout_session(contract):
    operation = op(contract, "createPayment")
    headers = [p for p in operation["parameters"] if p["in"] == "header"]
    assert [(p["name"], p["required"]) for p in headers] == [("X-Idempotency-Key", True)]
    schema = request_schema("createPayment")
    assert "checkout" in schema["required"]
    assert schema["properties"]["checkout"]["required"] == ["session"]
    created = response(contract, "createPayment", "201")["content"]["application/json"]["schema"]
    assert {"id", "status", "checkout"} <= set(created["properties"])


def test_token_returns_201_with_a_token(contract):
    created = response(contract, "createCheckoutSessionToken", "201")
    assert created["content"]["application/json"]["schema"]["required"] == ["token"]
    assert request_schema("createCheckoutSessionToken")["required"] == ["payment_method"]


# ---------------------------------------------------------------- schemathesis


def test_schemathesis_loads_the_document():
    schema = schemathesis.openapi.from_path(CONTRACT_PATH)
    labels = {result.ok().label for result in schema.get_all_operations()}
    assert labels == {
        "POST /checkout/sessions",
        "GET /checkout/sessions/{checkout_session}",
        "PATCH /checkout/sessions/{checkout_session}",
        "POST /checkout/sessions/{checkout_session}/token",
        "POST /payments",
    }
    assert schema.as_state_machine() is not None  # builds the stateful workflow from the links
