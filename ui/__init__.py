"""The PySide6 layer: main window, table models, delegates, dialogs, workers.

It calls the core (`partydesk`); the core never calls it."""
