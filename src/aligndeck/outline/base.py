"""The base of every outline model: frozen, and no key the contract does not name."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Model(BaseModel):
    """Frozen, forbids unknown keys; values are coerced as YAML text reads (not strict)."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=False, defer_build=True)
