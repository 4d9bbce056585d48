"""Imports every table so ``SQLModel.metadata`` is complete (for migrations and tests)."""

from sqlmodel import SQLModel

from melihub.accounts.models import ApiToken, AuthSession, Membership, MfaRecoveryCode, Tenant, User
from melihub.audit.models import AuditChainHead, AuditEntry
from melihub.buyers.models import CustomerMonth
from melihub.catalog.models import BulkOperation, BulkOperationLine, Listing, ListingChange, Variation
from melihub.claims.models import Claim
from melihub.connections.models import MeliAccount, MeliApplication
from melihub.db.idempotent import IdempotencyKey
from melihub.events.models import IntegrationEvent, UnroutedNotification
from melihub.exports.models import Export, ExportChunk, ExportSchedule
from melihub.hub.models import (
    FeatureFlag,
    HubNotification,
    HubOrder,
    HubOrderLine,
    HubSettings,
    HubVolume,
    SkuMapping,
    StatusMapping,
)
from melihub.insights.models import AiBudget, ListingAnalysis, ListingQuality, ListingScore, MeliCategory
from melihub.integrator_webhooks.models import WebhookDelivery, WebhookSubscription
from melihub.kpis.models import CountedHours, FirstReply, ListingDay, LogisticsHour, SalesHour, ServiceHour
from melihub.kpis.stock_models import ListingVisitDay, StockPeriod
from melihub.messages.models import Conversation, Message
from melihub.orders.models import Customer, Order, OrderItem, Payment
from melihub.privacy.models import BuyerErasure, PrivacySettings
from melihub.questions.models import Question
from melihub.shipments.models import Shipment
from melihub.sync.models import SyncCheckpoint, SyncCursor, SyncRun

metadata = SQLModel.metadata

__all__ = [
    "AiBudget",
    "ApiToken",
    "AuditChainHead",
    "AuditEntry",
    "AuthSession",
    "BulkOperation",
    "BulkOperationLine",
    "BuyerErasure",
    "Claim",
    "Conversation",
    "CountedHours",
    "Customer",
    "CustomerMonth",
    "Export",
    "ExportChunk",
    "ExportSchedule",
    "FeatureFlag",
    "FirstReply",
    "HubNotification",
    "HubOrder",
    "HubOrderLine",
    "HubSettings",
    "HubVolume",
    "IdempotencyKey",
    "IntegrationEvent",
    "Listing",
    "ListingAnalysis",
    "ListingChange",
    "ListingDay",
    "ListingQuality",
    "ListingScore",
    "ListingVisitDay",
    "LogisticsHour",
    "MeliAccount",
    "MeliApplication",
    "MeliCategory",
    "Membership",
    "Message",
    "MfaRecoveryCode",
    "Order",
    "OrderItem",
    "Payment",
    "PrivacySettings",
    "Question",
    "SalesHour",
    "ServiceHour",
    "Shipment",
    "SkuMapping",
    "StatusMapping",
    "StockPeriod",
    "SyncCheckpoint",
    "SyncCursor",
    "SyncRun",
    "Tenant",
    "UnroutedNotification",
    "User",
    "Variation",
    "WebhookDelivery",
    "WebhookSubscription",
    "metadata",
]
