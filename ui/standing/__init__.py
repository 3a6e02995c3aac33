"""Organization standing behind the dashboard: the lists behind its figures (`list_dialog`),
an organization's rating, 六有, 四个一 and 示范点 (`org_dialog`), a unit's 六个清 survey
(`survey_dialog`), their undo steps (`commands`) and list models (`models`)."""
