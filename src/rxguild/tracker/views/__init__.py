"""Pages of the application tracker, applying and the employer pipeline, split by side:
`member` (the board, a card, applying, contacts, informational interviews) and `employer`
(applicants to its postings and its pipeline stages).

Thin: each view fetches through the tracker's access helpers (which decide access, 404
otherwise), calls one service, and renders. Every change is a POST that works without
JavaScript; htmx requests get the re-rendered fragment instead of a redirect.
"""
