"""GraphQL surface of fulfilment: Order.fulfilment, markPicked/markPacked, pickList, printShippingLabels."""
