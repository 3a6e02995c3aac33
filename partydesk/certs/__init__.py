"""Instructors (党建指导员), 红领党务 qualifications and serial-numbered certificates.

`registry`: templates, serials, issue / revoke / reissue / reprint / verify.
`qualifications`: 红领党务 levels and their two-yearly review.
`instructors`: assignments over time, uncovered units, assessments, duty cadence.
`reminders`: what falls due (registered in partydesk.reminders)."""

from partydesk import settings

settings.DEFAULTS["certs"] = {
    # A PNG (with transparency) of the issuing organ's seal, printed over the date; None: none.
    "seal_image": None,
    # On a draft (样稿) only, a faint circle where the seal goes when no image is printed.
    "seal_guide": True,
    # The line under the check value telling a reader how to verify the certificate.
    "verify_line": "凭证书编号和校验码或扫描二维码，可向发证机关核验真伪",
    # Dates in the wording and under the seal: "chinese" (二〇二六年十一月四日) or "arabic".
    "numerals": "chinese",
    # Days ahead that expiring certificates, reviews and reappointments show as due.
    "remind_days": 30,
    "review_remind_days": 60,
    # 红领党务 review interval (months after the level was awarded).
    "review_months": 24,
    # Assessment of year Y is due by this month-day of year Y+1.
    "assessment_due": "01-31",
    # Duty cadence of an instructor, checked against the work records (工作纪实).
    "duties": {
        "contact": {"label": "联系走访", "period": "half_month", "kinds": ["visit"]},
        "log": {"label": "工作日志", "period": "month", "kinds": ["instructor_log"]},
        "meeting": {"label": "参加会议", "period": "half_year", "kinds": ["*meeting"]},
        "reappoint": {"label": "年度续聘", "period": "year", "kinds": []},
    },
}
