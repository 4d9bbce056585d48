"""Questions and answers, post-sale messages, claims, notifications and missed feeds."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from melihub.meli.models.base import IdRef, MeliModel, Paging


class Answer(MeliModel):
    text: str = ""
    status: str | None = None
    date_created: datetime | None = None


class Question(MeliModel):
    """``GET /questions/{id}?api_version=4``."""

    id: int
    item_id: str | None = None
    seller_id: int | None = None
    status: str
    text: str = ""
    tags: list[str] = Field(default_factory=list)
    date_created: datetime | None = None
    deleted_from_listing: bool | None = None
    hold: bool | None = None
    suspected_spam: bool | None = None
    answer: Answer | None = None
    from_: IdRef | None = Field(default=None, alias="from")

    @property
    def buyer_id(self) -> int | None:
        return self.from_.id if self.from_ else None


class MessageUser(MeliModel):
    user_id: int | None = None


class MessageDate(MeliModel):
    received: datetime | None = None
    available: datetime | None = None
    notified: datetime | None = None
    created: datetime | None = None
    read: datetime | None = None


class Message(MeliModel):
    id: str
    site_id: str | None = None
    client_id: int | None = None
    from_: MessageUser | None = Field(default=None, alias="from")
    to: MessageUser | None = None
    status: str | None = None
    text: str = ""
    message_date: MessageDate | None = None
    message_moderation: dict[str, Any] | None = None
    message_attachments: list[Any] | None = None
    message_resources: list[dict[str, Any]] = Field(default_factory=list)
    conversation_first_message: bool | None = None

    @property
    def sender_id(self) -> int | None:
        return self.from_.user_id if self.from_ else None

    def resource_id(self, name: str) -> str | None:
        """Id of a linked resource, e.g. ``resource_id("packs")``."""
        return next((str(r.get("id")) for r in self.message_resources if r.get("name") == name), None)


class MessageThread(MeliModel):
    """``GET /messages/packs/{pack_id}/sellers/{seller_id}?tag=post_sale``."""

    paging: Paging | None = None
    conversation_status: dict[str, Any] | None = None
    messages: list[Message] = Field(default_factory=list)
    seller_max_message_length: int | None = None
    buyer_max_message_length: int | None = None


class ClaimPlayer(MeliModel):
    role: str | None = None
    type: str | None = None
    user_id: int | None = None
    available_actions: list[dict[str, Any]] = Field(default_factory=list)


class Claim(MeliModel):
    id: int
    resource_id: int | None = None
    status: str | None = None
    type: str | None = None
    stage: str | None = None
    parent_id: int | None = None
    resource: str | None = None
    reason_id: str | None = None
    fulfilled: bool | None = None
    quantity_type: str | None = None
    players: list[ClaimPlayer] = Field(default_factory=list)
    resolution: dict[str, Any] | None = None
    site_id: str | None = None
    date_created: datetime | None = None
    last_updated: datetime | None = None
    related_entities: list[Any] = Field(default_factory=list)


class ClaimSearchPage(MeliModel):
    paging: Paging | None = None
    data: list[Claim] = Field(default_factory=list)


class Notification(MeliModel):
    """The body ML POSTs to the callback (reference §3.2); ``id`` (``_id``) is the dedupe key."""

    id: str = Field(alias="_id")
    topic: str
    resource: str
    user_id: int
    application_id: int | None = None
    attempts: int = 1
    sent: datetime | None = None
    received: datetime | None = None
    actions: list[str] = Field(default_factory=list)


class MissedFeedsPage(MeliModel):
    """``GET /missed_feeds``; each entry's ``request``/``response`` sub-objects (unsure) stay in raw."""

    messages: list[Notification] = Field(default_factory=list)
    total: int = 0
    offset: int = 0
    limit: int = 10
