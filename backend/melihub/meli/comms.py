"""Questions/answers, post-sale messages, claims and missed feeds (part of :class:`MeliClient`)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from melihub.meli.models import (
    Claim,
    ClaimSearchPage,
    Message,
    MessageThread,
    MissedFeedsPage,
    Question,
    QuestionSearchPage,
)
from melihub.meli.pipeline import MeliHttp
from melihub.meli.tokens import AccountRef

POST_SALE = "post_sale"


def _one_message(data: Any) -> Any:
    """A message from either a bare message object or a ``{"messages": [...]}`` envelope (unsure)."""
    if isinstance(data, dict) and isinstance(data.get("messages"), list) and "id" not in data:
        return data["messages"][0] if data["messages"] else data
    if isinstance(data, list) and data:
        return data[0]
    return data


class CommsApi(MeliHttp):
    # ---- questions -----------------------------------------------------------------------------

    async def get_question(self, account: AccountRef, question_id: int) -> Question:
        data = await self.get_json(account, f"/questions/{int(question_id)}", params={"api_version": 4})
        return Question.from_raw(data)

    async def search_questions(
        self,
        account: AccountRef,
        *,
        status: str | None = None,
        item_id: str | None = None,
        offset: int = 0,
        limit: int = 50,
        sort_fields: str = "date_created",
        sort_types: str = "DESC",
        seller_id: int | None = None,
    ) -> QuestionSearchPage:
        params: dict[str, Any] = {
            "seller_id": seller_id or account.ml_user_id,
            "api_version": 4,
            "offset": offset,
            "limit": limit,
            "sort_fields": sort_fields,
            "sort_types": sort_types,
        }
        if status:
            params["status"] = status
        if item_id:
            params["item"] = item_id
        return QuestionSearchPage.from_raw(await self.get_json(account, "/questions/search", params=params))

    async def iter_questions(
        self, account: AccountRef, *, page_size: int = 50, **filters: Any
    ) -> AsyncIterator[Question]:
        """Every question matching ``filters`` (as :meth:`search_questions`), page after page."""
        offset = 0
        while True:
            page = await self.search_questions(account, offset=offset, limit=page_size, **filters)
            for question in page.questions:
                yield question
            offset += len(page.questions)
            if not page.questions or offset >= page.total:
                return

    async def post_answer(self, account: AccountRef, question_id: int, text: str) -> Question:
        """``POST /answers``. Not retried on 5xx/timeouts (a second answer is refused with 400)."""
        response = await self.request(account, "POST", "/answers", json={"question_id": int(question_id), "text": text})
        data = response.json()
        if isinstance(data, dict) and "id" in data and "status" in data:
            return Question.from_raw(data)
        return await self.get_question(account, question_id)

    # ---- messages ------------------------------------------------------------------------------

    async def get_message(self, account: AccountRef, message_id: str) -> Message:
        data = await self.get_json(account, f"/messages/{message_id}", params={"tag": POST_SALE})
        return Message.from_raw(_one_message(data))

    async def get_pack_messages(
        self,
        account: AccountRef,
        pack_id: int,
        *,
        offset: int = 0,
        limit: int = 10,
        mark_as_read: bool = False,
        seller_id: int | None = None,
    ) -> MessageThread:
        """The thread of a pack (or of an order without pack: pass the order id); unread stays unread."""
        path = f"/messages/packs/{int(pack_id)}/sellers/{seller_id or account.ml_user_id}"
        params = {"tag": POST_SALE, "mark_as_read": str(mark_as_read).lower(), "offset": offset, "limit": limit}
        return MessageThread.from_raw(await self.get_json(account, path, params=params))

    async def read_thread(
        self,
        account: AccountRef,
        pack_id: int,
        *,
        offset: int = 0,
        limit: int = 10,
        seller_id: int | None = None,
    ) -> MessageThread:
        """The thread as the seller opening it: a plain GET (no ``mark_as_read``), which Mercado Livre takes
        as the seller having read it (reference §9). Background reads use :meth:`get_pack_messages`."""
        path = f"/messages/packs/{int(pack_id)}/sellers/{seller_id or account.ml_user_id}"
        params = {"tag": POST_SALE, "offset": offset, "limit": limit}
        return MessageThread.from_raw(await self.get_json(account, path, params=params))

    async def send_pack_message(
        self, account: AccountRef, pack_id: int, buyer_id: int, text: str, *, seller_id: int | None = None
    ) -> Message:
        """Post a seller message to the pack thread (350 characters max, checked by ML). Not retried."""
        seller = seller_id or account.ml_user_id
        response = await self.request(
            account,
            "POST",
            f"/messages/packs/{int(pack_id)}/sellers/{seller}",
            params={"tag": POST_SALE},
            json={"from": {"user_id": seller}, "to": {"user_id": int(buyer_id)}, "text": text},
        )
        return Message.from_raw(_one_message(response.json()))

    # ---- claims --------------------------------------------------------------------------------

    async def search_claims(
        self,
        account: AccountRef,
        *,
        status: str | None = None,
        stage: str | None = None,
        type: str | None = None,  # ML's parameter name
        resource: str | None = None,
        resource_id: int | None = None,
        offset: int = 0,
        limit: int = 30,
    ) -> ClaimSearchPage:
        filters = {"status": status, "stage": stage, "type": type, "resource": resource, "resource_id": resource_id}
        params: dict[str, Any] = {k: v for k, v in filters.items() if v is not None}
        if not params:
            raise ValueError("claims search needs at least one filter (status, stage, type, resource...)")
        params.update({"offset": offset, "limit": limit})
        data = await self.get_json(account, "/post-purchase/v1/claims/search", params=params)
        return ClaimSearchPage.from_raw(data)

    async def get_claim(self, account: AccountRef, claim_id: int) -> Claim:
        return Claim.from_raw(await self.get_json(account, f"/post-purchase/v1/claims/{int(claim_id)}"))

    # ---- notifications -------------------------------------------------------------------------

    async def get_missed_feeds(
        self,
        account: AccountRef,
        app_id: str | int | None = None,
        topic: str | None = None,
        offset: int = 0,
        limit: int = 10,
    ) -> MissedFeedsPage:
        """Notifications ML gave up delivering (kept 2 days); poll hourly per topic."""
        params: dict[str, Any] = {"app_id": app_id or self.config.client_id, "offset": offset, "limit": limit}
        if topic:
            params["topic"] = topic
        return MissedFeedsPage.from_raw(await self.get_json(account, "/missed_feeds", params=params))
