"""claimgraph: attributed, text-grounded knowledge graphs of contested war reporting."""

from claimgraph.errors import ClaimgraphError, InputError

__version__ = "0.1.0"

__all__ = ["ClaimgraphError", "InputError", "__version__"]
