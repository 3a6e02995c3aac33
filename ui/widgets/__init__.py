"""Small widgets and dialog helpers shared by every page: Chinese OK/cancel buttons and
confirmations (`dialogs`), date editors and conversions (`dates`), the read-only table of
tuples used by the registries (`rows`), and the type-to-search drop-down (`combo`)."""
