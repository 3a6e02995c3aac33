"""Excel in the window: the 导入/导出 menu (`menu`), the import wizard (`import_wizard`,
`preview_model`), export with a save dialog (`export`) and the remembered folder (`files`)."""
