"""Exports: CSV/XLSX files of orders, listings, questions, shipments and KPIs, built by a worker; schedules."""
