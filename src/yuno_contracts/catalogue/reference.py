"""Reference data that the suites, the fuzz views and the reference sandbox all read.

- ``CURRENCIES``: ISO 4217, the active alphabetic codes (list one, incl. funds and X-codes).
  Withdrawn codes (HRK, SLL, CUC, …) are not in it. Source: the ISO 4217 maintenance agency's
  list one, as amended up to 2025 (ZWG added 2024, XCG added 2025).
- ``COUNTRIES``: the country enum of the contract (``components.schemas.Country``), in order.
- ``LOCAL_CURRENCY`` / ``CURRENCY_DIGITS``: each contract country's one currency and that
  currency's decimal digits, from Yuno's country reference
  (https://docs.y.uno/reference/country-reference, page ``country-reference`` of
  ``contracts/sources/pages.yaml``): the only country/currency pairs every reading of
  CURRENCY-COUNTRY accepts, and the precision every reading of AMOUNT-PRECISION accepts.
- ``ISO_COUNTRIES``: ISO 3166-1 alpha-2 (pycountry), what COUNTRY-LIST's country-reference
  reading accepts.
- ``UUID_FORM``: a session id in the examples' form, 8-4-4-4-12 hex digits (SESSION-ID-FORMAT
  reading uuid).
- ``is_multiple``: the documented ``multiple of 0.0001`` rule, exactly and as JSON Schema's
  float arithmetic reads it.

The suites take their truth from here and from the contract, never from the sandbox they judge.
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from functools import cache

import pycountry

from yuno_contracts.catalogue.contract import load_contract

__all__ = [
    "CURRENCIES",
    "CURRENCY_DIGITS",
    "HOME_COUNTRY",
    "ISO_COUNTRIES",
    "LOCAL_CURRENCY",
    "UUID_FORM",
    "countries",
    "is_multiple",
    "local_amount",
]

_LIST_ONE = """
    AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD
    BTN BWP BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUP CVE CZK DJF DKK DOP DZD
    EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD
    IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL
    MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN
    PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN
    SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES
    VND VUV WST XAF XAG XAU XBA XBB XBC XBD XCD XCG XDR XOF XPD XPF XPT XSU XTS XUA XXX YER
    ZAR ZMW ZWG ZWL
"""

CURRENCIES: frozenset[str] = frozenset(_LIST_ONE.split())

# ISO 3166-1 alpha-2 (pycountry): the country-reference reading of COUNTRY-LIST accepts any.
ISO_COUNTRIES: tuple[str, ...] = tuple(sorted(c.alpha_2 for c in pycountry.countries))

# Yuno's country reference lists one currency per country (USD only for EC, SV and US; PAB, not
# USD, for Panama) and the currency's decimal digits (CLP and PYG: none).
LOCAL_CURRENCY: dict[str, str] = {
    "AR": "ARS",
    "BO": "BOB",
    "BR": "BRL",
    "CL": "CLP",
    "CO": "COP",
    "CR": "CRC",
    "EC": "USD",
    "GT": "GTQ",
    "HN": "HNL",
    "MX": "MXN",
    "NI": "NIO",
    "PA": "PAB",
    "PE": "PEN",
    "PY": "PYG",
    "SV": "USD",
    "US": "USD",
    "UY": "UYU",
}
# A country whose one listed currency is this one (US for USD).
HOME_COUNTRY: dict[str, str] = {currency: country for country, currency in LOCAL_CURRENCY.items()}
CURRENCY_DIGITS: dict[str, int] = {
    currency: 0 if currency in {"CLP", "PYG"} else 2 for currency in LOCAL_CURRENCY.values()
}

# A session id in the examples' form (8-4-4-4-12 hex digits; SESSION-ID-FORMAT reading uuid).
UUID_FORM = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)


def local_amount(country: str, value: int = 100) -> dict[str, object]:
    """``{"currency": <the country's own currency>, "value": value}``: valid under every reading
    of CURRENCY-COUNTRY, AMOUNT-PRECISION and AMOUNT-UNITS (a whole number)."""
    return {"currency": LOCAL_CURRENCY[country], "value": Decimal(value)}


@cache
def countries() -> tuple[str, ...]:
    """The contract's country enum (the seeds' 17 countries), in the contract's order."""
    return tuple(load_contract()["components"]["schemas"]["Country"]["enum"])


def is_multiple(value: int | Decimal, step: Decimal, mode: str = "decimal") -> bool:
    """Whether ``value`` is a multiple of ``step`` (a power of ten such as 0.0001).

    ``decimal``: exact, on the digits as written (0.3 and 10.50000 are multiples of 0.0001).
    ``float``: as jsonschema's ``multipleOf`` on floats: ``q = float(v) / step``,
    ``int(q) == q`` (0.3 is not: 0.3 / 0.0001 == 2999.9999999999995).
    """

    if mode == "float":
        step_float = float(step)
        instance = float(value) if isinstance(value, Decimal) else value
        quotient = instance / step_float
        try:
            return int(quotient) == quotient
        except OverflowError:  # jsonschema's own fallback
            return Fraction(instance) % Fraction(step_float) == 0
    if isinstance(value, int):
        return True
    _sign, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int):
        return False
    places = -step.as_tuple().exponent  # type: ignore[operator]
    if exponent >= -places:
        return True
    must_be_zero = -places - exponent  # trailing digits below the step
    return all(digit == 0 for digit in digits[-must_be_zero:])
