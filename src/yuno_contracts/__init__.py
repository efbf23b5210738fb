"""yuno-contracts: contract tests for Yuno's Checkout Sessions API."""

__version__ = "0.1.0"
__all__ = ["__version__"]
