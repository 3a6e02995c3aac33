"""证书管理: the register page (`page`), issuing (`issue_dialog`), checking (`verify_dialog`),
wording templates (`template_dialog`) and qualifications (`qualifications`)."""
