from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from partydesk.certs import registry
from partydesk.demo import build_demo
from partydesk.ledger import open_ledger
from partydesk.ledger.models.certs import Certificate, InstructorAssessment, Qualification

TODAY = date(2026, 11, 20)


def test_demo_issues_certificates_for_this_and_last_year_with_some_revoked_and_reissued(tmp_path):
    path = tmp_path / "demo.partydesk"
    build_demo(path, 30, 200, 7, TODAY)
    with open_ledger(path) as lg, lg.session() as s:
        years = dict(
            s.execute(
                select(func.strftime("%Y", Certificate.issued_on), func.count()).group_by(
                    func.strftime("%Y", Certificate.issued_on)
                )
            ).all()
        )
        assert set(years) == {"2025", "2026"}
        status = dict(
            s.execute(select(Certificate.status, func.count()).group_by(Certificate.status)).all()
        )
        assert status.get("revoked", 0) >= 1 and status.get("replaced", 0) >= 1
        assert s.scalar(select(func.count()).select_from(Qualification)) > 0
        assert s.scalar(select(func.count()).select_from(InstructorAssessment)) > 0
        serials = list(s.scalars(select(Certificate.serial)))
        assert len(serials) == len(set(serials))
        replaced = s.scalars(select(Certificate).where(Certificate.status == "replaced")).first()
        assert registry.verify(s, replaced.serial, today=TODAY).state == "replaced"
        assert all(c.issued_on <= TODAY for c in s.scalars(select(Certificate)))


def test_demo_filler_works_on_a_tiny_ledger(tmp_path):
    path = tmp_path / "tiny.partydesk"
    build_demo(path, 1, 0, 1, TODAY)
    with open_ledger(path) as lg, lg.session() as s:
        # whatever few instructors there are got this year's certificate, and the wording
        # templates carry the demo's issuing organ
        assert registry.holders_missing(s, "instructor", TODAY.year) == []
        assert registry.template(s, "instructor").issuer.startswith("中共")
