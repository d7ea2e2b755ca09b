"""Every change of state in mentoring, split by sub-domain: `enrolment` (offers and wants,
pause, leave) and `mentorships` (requests, accepting, closing)."""
