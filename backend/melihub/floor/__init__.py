"""The operations floor: one screen's figures of today and of what needs doing now (``queries``)."""
