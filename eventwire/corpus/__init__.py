"""Across documents: incidents, the ledger over time, series and exports."""
