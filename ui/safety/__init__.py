"""What the GUI needs so that nothing is lost: opening a ledger (`opening`: a damaged one
offers the newest good backup, the start password, the read-only notice), the start
password (`password`), 备份与恢复 (`backup_dialog`) and the File menu entries with the
read-only title and banner (`menu`)."""
