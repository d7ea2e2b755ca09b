"""Every change of state in the tracker, one function per use case (keyword-only, atomic),
split by sub-domain as community's services are: `applications` (the member's board,
applying, contacts), `interviews` (the informational-interview log) and `pipeline` (the
employer's stages and notes). Views, the API, commands and tasks call the same functions,
after fetching objects through tracker.access (which decides who may see what).
"""
