"""KPIs: hourly rollups kept by the appliers, and the reports read from them (docs/kpis.md)."""
