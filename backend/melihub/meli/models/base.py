"""Base of every ML resource model: tolerant of unknown fields, keeps the raw JSON it came from."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, PrivateAttr, ValidatorFunctionWrapHandler, model_validator


class MeliModel(BaseModel):
    """A typed view of an ML payload.

    Unknown fields are kept (``extra="allow"``) and the exact dict the model was parsed from is
    available as :attr:`raw` (storage keeps raw payloads, not our re-serialisation).
    """

    model_config = ConfigDict(extra="allow", populate_by_name=True)

    _raw: dict[str, Any] | None = PrivateAttr(default=None)

    @model_validator(mode="wrap")
    @classmethod
    def _keep_raw(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        model = handler(data)
        if isinstance(data, dict) and isinstance(model, MeliModel):
            model._raw = data
        return model

    @property
    def raw(self) -> dict[str, Any]:
        """The JSON object as ML sent it (a re-dump if the model was built by hand)."""
        if self._raw is not None:
            return self._raw
        return self.model_dump(mode="json", by_alias=True)

    @classmethod
    def from_raw(cls, data: Any) -> Self:
        return cls.model_validate(data)


class IdRef(MeliModel):
    """``{"id": ...}`` references (seller, shipping, mediations, pack orders...)."""

    id: int | None = None


class Paging(MeliModel):
    total: int | None = None
    offset: int | None = None
    limit: int | None = None


class Resource(MeliModel):
    """Any other JSON object (e.g. a payment from ``/collections/{id}``): fields only in ``raw``/extras."""


Money = Decimal

__all__ = ["IdRef", "MeliModel", "Money", "Paging", "Resource"]
