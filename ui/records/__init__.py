"""工作纪实: the records page (`page`, `model`, `commands`), the record editor (`editor`,
`attendance`) and the work-record book (`book`)."""
