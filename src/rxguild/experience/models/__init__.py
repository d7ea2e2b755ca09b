"""The experience ledger: what a technician did, where, for how long, and who vouched for it.

The member owns every row here; nothing is deleted when they leave an employer or a program.
Who may see or change which row is decided in experience/access.py.

One module per part of the ledger (`entries`, `verification`, `hours`, `competencies`,
`programs`, `evaluations`); every model is re-exported here, where Django and the rest of the
code find them.
"""

from rxguild.experience.models.competencies import CompetencyCategory, CompetencyRecord
from rxguild.experience.models.entries import EntryKind, ExperienceDuty, ExperienceEntry
from rxguild.experience.models.evaluations import Evaluation, EvaluationKind, EvaluationStatus
from rxguild.experience.models.hours import HourLogLine, HourSignOff, SignOffStatus
from rxguild.experience.models.programs import (
    Cohort,
    CohortMessage,
    Enrollment,
    EnrollmentStatus,
    Preceptor,
    ProgramSite,
    TrainingProgram,
)
from rxguild.experience.models.verification import ExperienceVerification, VerificationStatus

__all__ = [
    "Cohort",
    "CohortMessage",
    "CompetencyCategory",
    "CompetencyRecord",
    "Enrollment",
    "EnrollmentStatus",
    "EntryKind",
    "Evaluation",
    "EvaluationKind",
    "EvaluationStatus",
    "ExperienceDuty",
    "ExperienceEntry",
    "ExperienceVerification",
    "HourLogLine",
    "HourSignOff",
    "Preceptor",
    "ProgramSite",
    "SignOffStatus",
    "TrainingProgram",
    "VerificationStatus",
]
