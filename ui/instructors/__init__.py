"""党建指导员: the instructors table with their postings, duties and assessments (`page`), and
sending one to a unit (`assign_dialog`)."""
