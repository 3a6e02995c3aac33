"""帮助 menu: 使用说明 (F1, the clerk's manual from resources/manual) and 关于 (version,
build date, ledger, schema revision, the bundled components and their licences)."""
