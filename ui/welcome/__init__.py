"""The first run: an empty ledger opens on a welcome page with the three ways in."""
