"""The structured CV, its items (work, education, skills, languages ...) and the work profile."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import Base, utcnow

SECTIONS = ("experience", "education", "skill", "language", "certificate", "reference")
# Education levels, lowest first; "foreign" is a diploma from abroad (not yet valued here).
LEVELS = (
    "primary",
    "vmbo",
    "mbo1",
    "mbo2",
    "mbo3",
    "mbo4",
    "havo",
    "vwo",
    "hbo",
    "wo",
    "foreign",
    "other",
)
# A startkwalificatie: a diploma at MBO level 2 or higher, or HAVO or VWO.
STARTKWALIFICATIE = ("mbo2", "mbo3", "mbo4", "havo", "vwo", "hbo", "wo")
CEFR = ("A1", "A2", "B1", "B2", "C1", "C2", "native")
LICENCES = ("AM", "A", "B", "BE", "C", "CE", "D", "T")


class Cv(Base):
    __tablename__ = "werkmap_cv"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), unique=True)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    born_on: Mapped[date | None]
    profile_text: Mapped[str] = mapped_column(Text, default="")
    driving_licences: Mapped[str] = mapped_column(String(40), default="")  # "B,BE"
    no_experience: Mapped[bool] = mapped_column(default=False)
    uploaded_file_id: Mapped[int | None] = mapped_column(ForeignKey("stored_file.id"), index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    items: Mapped[list[CvItem]] = relationship(
        back_populates="cv",
        cascade="all, delete-orphan",
        order_by="(CvItem.section, CvItem.started.desc(), CvItem.id)",
    )

    def section(self, name: str) -> list[CvItem]:
        return [item for item in self.items if item.section == name]

    @property
    def licences(self) -> list[str]:
        return [code for code in self.driving_licences.split(",") if code]


class CvItem(Base):
    __tablename__ = "werkmap_cv_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    cv_id: Mapped[int] = mapped_column(ForeignKey("werkmap_cv.id", ondelete="CASCADE"), index=True)
    section: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))  # job, course, skill, language, name
    organisation: Mapped[str] = mapped_column(String(200), default="")
    place: Mapped[str] = mapped_column(String(100), default="")
    started: Mapped[date | None]
    ended: Mapped[date | None]
    level: Mapped[str] = mapped_column(String(20), default="")  # education level or CEFR
    diploma: Mapped[bool] = mapped_column(default=False)
    detail: Mapped[str] = mapped_column(Text, default="")

    cv: Mapped[Cv] = relationship(back_populates="items")


class WorkProfile(Base):
    __tablename__ = "werkmap_profile"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), unique=True)
    jobs: Mapped[str] = mapped_column(Text, default="")
    sectors: Mapped[str] = mapped_column(Text, default="")
    hours_per_week: Mapped[int | None]
    region: Mapped[str] = mapped_column(String(100), default="")
    max_travel_minutes: Mapped[int | None]
    available_from: Mapped[date | None]
    limits: Mapped[str] = mapped_column(Text, default="")
    share_limits: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class PersonalNorm(Base):
    """The applications-per-week norm for one person, set by their e-coach or consultant."""

    __tablename__ = "werkmap_norm"

    owner_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), primary_key=True)
    weekly: Mapped[int]
    set_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    set_at: Mapped[datetime] = mapped_column(default=utcnow)
